"""Find topics: resolve what a user typed to one topic, and rank topics for a free query.

Ranking is a small BM25F: each topic is one document whose fields (title, aliases, key
points, answer, in both languages) carry different weights. Chinese is matched with
character bigrams (unigrams for a one-character query), the standard technique when
there are no spaces; English with lowercase tokens, stopwords dropped and a light suffix
stemmer so that "rejected", "rejection" and "rejects" meet. Before that, the wordings people
type are rewritten, in topics and queries alike, to the words the FAQ uses (被拒了 -> 不通过,
"in my client's name" -> owner, "Tencent Cloud" -> provider), and an alias quoted in the
query earns a bonus as large as its words are specific. No I/O, no imports beyond the
standard library: it runs on every ``search`` and must start fast.
"""

from .index import Index, search
from .lookup import find_topic

__all__ = ["Index", "find_topic", "search"]
