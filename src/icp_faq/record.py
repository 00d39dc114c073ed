"""``@record``: what ``@dataclass(frozen=True)`` gives a class, for a fraction of its
start-up cost. The model's classes (``model.py``), the environment and validate's findings
use it; ``dataclasses.fields`` and ``dataclasses.replace`` work on them as on dataclasses.
"""

from __future__ import annotations

from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: Any) -> Any:
        return lambda f: f


class Record:
    """The methods ``@dataclass(frozen=True)`` would give a model class, written once.

    dataclasses writes each class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
    ``__setattr__`` and ``__delattr__`` as source text and compiles it as the class is
    created: ~3.7M instructions (~1.5 ms) a class, ~44M for the model, paid by every command
    at start-up (docs/performance.md). These read the fields ``dataclass`` collected instead.
    """

    __slots__ = ()
    if TYPE_CHECKING:  # set by ``record``; not annotations at run time, which get_type_hints reads
        _positional: ClassVar[tuple[str, ...]]  # the fields __init__ takes by position
        _required: ClassVar[frozenset[str]]  # the fields __init__ needs
        _names: ClassVar[frozenset[str]]  # the fields __init__ takes
        _start: ClassVar[dict[str, Any]]  # every field's default, in field order
        _factories: ClassVar[tuple[tuple[str, Any], ...]]  # fields with a default factory
        _post_init: ClassVar[bool]
        _shown: ClassVar[tuple[str, ...]]
        _compared: ClassVar[tuple[str, ...]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        if args:
            if len(args) > len(cls._positional):
                raise TypeError(f"{cls.__qualname__}() takes {len(cls._positional)} arguments")
            for key, value in zip(cls._positional, args, strict=False):
                if key in kwargs:
                    raise TypeError(f"{cls.__qualname__}() got two values for {key!r}")
                kwargs[key] = value
        if not kwargs.keys() >= cls._required or not kwargs.keys() <= cls._names:
            wrong = sorted((cls._required - kwargs.keys()) | (kwargs.keys() - cls._names))
            raise TypeError(f"{cls.__qualname__}() missing or unexpected: {', '.join(wrong)}")
        values = self.__dict__
        values.update(cls._start)
        for key, factory in cls._factories:
            values[key] = factory()
        values.update(kwargs)
        if cls._post_init:
            self.__post_init__()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        shown = ", ".join(f"{key}={getattr(self, key)!r}" for key in self._shown)
        return f"{type(self).__qualname__}({shown})"

    def _key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, key) for key in self._compared)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


_R = TypeVar("_R", bound=Record)


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[_R]) -> type[_R]:
    """``@dataclass(frozen=True)`` for a subclass of ``Record``: the same fields, ``fields()``,
    ``replace()``, equality, hash and repr, and nothing compiled at start-up."""
    every = fields(dataclass(init=False, repr=False, eq=False)(cls))  # type: ignore[arg-type]
    taken = [f for f in every if f.init]
    cls._positional = tuple(f.name for f in taken if not f.kw_only)
    cls._required = frozenset(
        f.name for f in taken if f.default is MISSING and f.default_factory is MISSING
    )
    cls._names = frozenset(f.name for f in taken)
    # a field with no default is given to __init__: its place here only keeps field order
    cls._start = {f.name: None if f.default is MISSING else f.default for f in every}
    cls._factories = tuple(
        (f.name, f.default_factory) for f in taken if f.default_factory is not MISSING
    )
    cls._post_init = hasattr(cls, "__post_init__")
    cls._shown = tuple(f.name for f in every if f.repr)
    cls._compared = tuple(f.name for f in every if f.compare)
    return cls
