/* icp-faq web page: the guided session of `icp-faq ask`, in the browser.
 *
 * Reads the tree from the JSON embedded in the page and draws every screen with
 * createElement/textContent: no text from the tree or the URL is ever parsed as HTML.
 * The walk mirrors src/icp_faq/engine.py (Walk: answer, back, restart, change, pending
 * answers replayed where they still apply). The state lives in the URL fragment:
 *   #goal=review&review-status=rejected   answers (question=choice), in path order
 *   &topics or &topics=TOPIC               the topics view (at one topic)
 *   &lang=en                               the language, when not the page's initial one
 * A fragment that names an unknown question, choice, topic or language starts over.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  try {
    main();
  } catch (err) {
    // Something is wrong: show the server-rendered topics and outcomes instead.
    root.classList.remove("js");
    throw err;
  }

  function main() {
    var DATA = JSON.parse(document.getElementById("icp-data").textContent);
    var LANG_CODES = Object.keys(DATA.langs);
    var SHAPE = DATA.langs[DATA.initial];
    var START = SHAPE.start;
    var has = function (obj, key) {
      return Object.prototype.hasOwnProperty.call(obj, key);
    };
    var TOPIC_IDS = SHAPE.topics.map(function (t) {
      return t.id;
    });
    // A question named like one of the page's own keys wins; the page then leaves that key out.
    var LANG_KEY = isQuestion("lang") ? null : "lang";
    var TOPICS_KEY = isQuestion("topics") ? null : "topics";

    var app = document.getElementById("app");
    var bar = document.getElementById("bar");
    var site = document.getElementById("site");

    // ------------------------------------------------------------------ the walk (engine.py)

    function node(id) {
      return has(SHAPE.nodes, id) ? SHAPE.nodes[id] : null;
    }

    function isQuestion(id) {
      var n = node(id);
      return n !== null && n.kind === "question";
    }

    function choiceOf(qid, cid) {
      var n = node(qid);
      if (n === null || n.kind !== "question") return null;
      for (var i = 0; i < n.choices.length; i++) {
        if (n.choices[i].id === cid) return n.choices[i];
      }
      return null;
    }

    // The node id the answers lead to from the start, or null when they leave the path.
    function position(answers) {
      var id = START;
      for (var i = 0; i < answers.length; i++) {
        if (!isQuestion(id) || id !== answers[i][0]) return null;
        var c = choiceOf(id, answers[i][1]);
        if (c === null) return null;
        id = c.next;
      }
      return node(id) === null ? null : id;
    }

    function lookup(pairs, qid) {
      var found;
      pairs.forEach(function (p) {
        if (p[0] === qid) found = p[1];
      });
      return found;
    }

    function without(pairs, qid) {
      return pairs.filter(function (p) {
        return p[0] !== qid;
      });
    }

    function makeWalk(answers, memory, pending) {
      var at = position(answers);
      if (at === null) throw new Error("answers are not on the path");
      return { answers: answers, memory: memory, pending: pending, at: at };
    }

    function begin(given) {
      return advance(makeWalk([], [], given));
    }

    function answer(walk, cid) {
      var qid = walk.at;
      if (!isQuestion(qid) || choiceOf(qid, cid) === null) throw new Error("unknown choice");
      return advance(
        makeWalk(
          walk.answers.concat([[qid, cid]]),
          without(walk.memory, qid).concat([[qid, cid]]),
          without(walk.pending, qid)
        )
      );
    }

    function advance(walk) {
      while (isQuestion(walk.at)) {
        var wanted = lookup(walk.pending, walk.at);
        if (wanted === undefined) break;
        walk = answer(walk, wanted);
      }
      if (!isQuestion(walk.at) && walk.pending.length) {
        walk = makeWalk(walk.answers, walk.memory, []);
      }
      return walk;
    }

    function back(walk) {
      if (!walk.answers.length) return walk;
      return makeWalk(walk.answers.slice(0, -1), walk.memory, []);
    }

    function restart() {
      return makeWalk([], [], []);
    }

    function change(walk, qid) {
      var i = walk.answers.findIndex(function (p) {
        return p[0] === qid;
      });
      if (i < 0) return walk;
      return makeWalk(walk.answers.slice(0, i), walk.memory, walk.answers.slice(i + 1));
    }

    // The fewest and the most questions on a path from `id` to an outcome (engine.depths):
    // each question is worked out once, so a tree with very many paths costs no more than
    // its size. A question met again on the way (a loop; validated trees have none) is 0.
    var DEPTHS = {};
    function depths(id) {
      if (!isQuestion(id)) return [0, 0];
      if (DEPTHS[id]) return DEPTHS[id];
      DEPTHS[id] = [0, 0];
      var fewest = Infinity;
      var most = 0;
      node(id).choices.forEach(function (c) {
        var d = node(c.next) === null ? [0, 0] : depths(c.next);
        fewest = Math.min(fewest, d[0]);
        most = Math.max(most, d[1]);
      });
      DEPTHS[id] = [1 + (fewest === Infinity ? 0 : fewest), 1 + most];
      return DEPTHS[id];
    }

    // ------------------------------------------------------------------ the fragment

    var state = { walk: restart(), view: "walk", topic: null, lang: DATA.initial };

    function fragmentOf(st) {
      var parts = st.walk.answers.map(function (p) {
        return encodeURIComponent(p[0]) + "=" + encodeURIComponent(p[1]);
      });
      if (st.view === "topics" && TOPICS_KEY) {
        parts.push(st.topic ? TOPICS_KEY + "=" + encodeURIComponent(st.topic) : TOPICS_KEY);
      }
      if (st.lang !== DATA.initial && LANG_KEY) parts.push(LANG_KEY + "=" + st.lang);
      return parts.join("&");
    }

    // The state a fragment names, or null when it is not one this page could have written.
    // Without a language in it, the page stays in `lang`.
    function parseFragment(hash, memory, lang) {
      var text = hash.charAt(0) === "#" ? hash.slice(1) : hash;
      var st = { view: "walk", topic: null, lang: lang };
      var given = [];
      var seen = {};
      var tokens = text ? text.split("&") : [];
      for (var i = 0; i < tokens.length; i++) {
        var eq = tokens[i].indexOf("=");
        var key, value;
        try {
          key = decodeURIComponent(eq < 0 ? tokens[i] : tokens[i].slice(0, eq));
          value = eq < 0 ? null : decodeURIComponent(tokens[i].slice(eq + 1));
        } catch (e) {
          return null;
        }
        if (has(seen, key)) return null;
        seen[key] = true;
        if (key === LANG_KEY) {
          if (value === null || LANG_CODES.indexOf(value) < 0) return null;
          st.lang = value;
        } else if (key === TOPICS_KEY) {
          if (value !== null && TOPIC_IDS.indexOf(value) < 0) return null;
          st.view = "topics";
          st.topic = value;
        } else if (value !== null && choiceOf(key, value) !== null) {
          given.push([key, value]);
        } else {
          return null;
        }
      }
      var walk = begin(given);
      // Keep what was answered before, so that going back preselects it.
      memory.forEach(function (p) {
        if (lookup(walk.memory, p[0]) === undefined) walk.memory = walk.memory.concat([p]);
      });
      st.walk = walk;
      return st;
    }

    function urlFor(fragment) {
      return location.href.split("#")[0] + (fragment ? "#" + fragment : "");
    }

    var shown = null; // the fragment of what is on screen

    // Show `next`; `how` is "push" (a new history entry) or "replace" (the same entry).
    function go(next, how, focusId) {
      state = next;
      var fragment = fragmentOf(state);
      if (fragment !== shown) {
        if (how === "push") history.pushState(null, "", urlFor(fragment));
        else history.replaceState(null, "", urlFor(fragment));
      }
      shown = fragment;
      render(focusId === undefined ? "heading" : focusId);
    }

    // Show the place the address names: on load, or after the browser's Back/Forward or an
    // edited address (`moved`), when the language chosen on the page stays.
    function fromLocation(moved) {
      var hash = location.hash.replace(/^#/, "");
      var lang = moved ? state.lang : DATA.initial;
      var st = parseFragment(hash, state.walk.memory, lang);
      if (st === null) {
        // Not a place this page knows: start over, quietly.
        st = { walk: restart(), view: "walk", topic: null, lang: lang };
      }
      state = st;
      shown = fragmentOf(state);
      if (hash !== shown) history.replaceState(null, "", urlFor(shown));
      var topic = state.view === "topics" && state.topic ? "topic-" + state.topic : null;
      render(moved ? topic || "heading" : null);
      if (!moved && topic) document.getElementById(topic).scrollIntoView();
    }

    function onLocationChange() {
      var now = location.hash.replace(/^#/, "");
      if (now === shown) return;
      fromLocation(true);
    }
    window.addEventListener("popstate", onLocationChange);
    window.addEventListener("hashchange", onLocationChange);

    // ------------------------------------------------------------------ drawing

    function el(tag, attrs, children) {
      var e = document.createElement(tag);
      if (attrs) {
        Object.keys(attrs).forEach(function (k) {
          var v = attrs[k];
          if (v === null || v === undefined || v === false) return;
          if (k === "text") e.textContent = v;
          else if (k === "onclick") e.addEventListener("click", v);
          else e.setAttribute(k, v === true ? "" : String(v));
        });
      }
      (children || []).forEach(function (c) {
        if (c === null || c === undefined) return;
        e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
      });
      return e;
    }

    function clear(e) {
      while (e.firstChild) e.removeChild(e.firstChild);
    }

    function T() {
      return DATA.langs[state.lang];
    }

    function t(key, values) {
      var text = DATA.labels[key][state.lang];
      if (values) {
        Object.keys(values).forEach(function (k) {
          text = text.split("{" + k + "}").join(String(values[k]));
        });
      }
      return text;
    }

    function colon() {
      return state.lang === "zh" ? "\uff1a" : ": ";
    }

    function topicById(id) {
      var list = T().topics;
      for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i];
      return null;
    }

    function nodeText(id) {
      return T().nodes[id];
    }

    // One line of the answers' Markdown subset: **bold** becomes <strong>.
    function inline(text) {
      var frag = document.createDocumentFragment();
      var re = /\*\*(.+?)\*\*/g;
      var pos = 0;
      var m;
      while ((m = re.exec(text)) !== null) {
        frag.appendChild(document.createTextNode(text.slice(pos, m.index)));
        frag.appendChild(el("strong", { text: m[1] }));
        pos = m.index + m[0].length;
      }
      frag.appendChild(document.createTextNode(text.slice(pos)));
      return frag;
    }

    // An answer as paragraphs and lists: one paragraph a line, "- " lines a list.
    function blocks(text) {
      var frag = document.createDocumentFragment();
      var list = null;
      text.split("\n").forEach(function (raw) {
        var line = raw.trim();
        if (line.indexOf("- ") === 0 || line.indexOf("* ") === 0) {
          if (list === null) list = frag.appendChild(el("ul"));
          list.appendChild(el("li", null, [inline(line.slice(2).trim())]));
          return;
        }
        list = null;
        if (line) frag.appendChild(el("p", null, [inline(line)]));
      });
      return frag;
    }

    function linkItem(link) {
      var safe = /^https?:\/\//i.test(link.url);
      var title = link.title || link.url;
      return el("li", null, [
        safe ? el("a", { href: link.url, rel: "noopener noreferrer", text: title }) : title,
        el("br"),
        el("span", { class: "url", text: link.url }),
      ]);
    }

    function sourcePage() {
      return el("span", { text: T().page });
    }

    function sourceLine(source) {
      return el("p", { class: "source" }, [
        t("source") + colon(),
        sourcePage(),
        " \u2014 ",
        el("span", { lang: DATA.htmlLang.zh, text: source.title }),
        " ",
        el("span", { class: "anchor", text: "(#" + source.anchor + ")" }),
      ]);
    }

    function heading(level, text, attrs) {
      var a = { tabindex: "-1", text: text };
      Object.keys(attrs || {}).forEach(function (k) {
        a[k] = attrs[k];
      });
      return el("h" + level, a);
    }

    function button(text, onclick, cls, extra) {
      return el("button", { type: "button", class: cls || "secondary", onclick: onclick }, [
        text,
        extra || null,
      ]);
    }

    function hidden(text) {
      return el("span", { class: "vh", text: text });
    }

    // A link that changes the page's state in place; it still works as a plain link
    // (open in a new tab, copy its address). opts: attrs, focus (an element id), how.
    function stateLink(text, next, opts) {
      opts = opts || {};
      var a = { href: urlFor(fragmentOf(next)), text: text };
      Object.keys(opts.attrs || {}).forEach(function (k) {
        a[k] = opts.attrs[k];
      });
      var link = el("a", a);
      link.addEventListener("click", function (ev) {
        if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
        ev.preventDefault();
        go(next, opts.how || "push", opts.focus);
      });
      return link;
    }

    function withState(changes) {
      var next = { walk: state.walk, view: state.view, topic: state.topic, lang: state.lang };
      Object.keys(changes).forEach(function (k) {
        next[k] = changes[k];
      });
      return next;
    }

    function renderBar() {
      clear(bar);
      site.textContent = T().title;
      var views = el("ul");
      var walkLink = stateLink(t("guide"), withState({ view: "walk", topic: null }));
      var topicsLink = stateLink(t("all_topics"), withState({ view: "topics", topic: null }));
      (state.view === "walk" ? walkLink : topicsLink).setAttribute("aria-current", "page");
      views.appendChild(el("li", null, [walkLink]));
      if (TOPICS_KEY) views.appendChild(el("li", null, [topicsLink]));
      bar.appendChild(el("nav", { class: "views", "aria-label": T().title }, [views]));

      var langs = el("ul");
      LANG_CODES.forEach(function (code) {
        // Switching language keeps the place and the focus, and adds no history entry.
        var link = stateLink(DATA.langNames[code], withState({ lang: code }), {
          attrs: {
            id: "lang-" + code,
            lang: DATA.htmlLang[code],
            hreflang: DATA.htmlLang[code],
            "aria-current": code === state.lang ? "true" : null,
          },
          focus: "lang-" + code,
          how: "replace",
        });
        langs.appendChild(el("li", null, [link]));
      });
      bar.appendChild(el("nav", { class: "langs", "aria-label": t("language") }, [langs]));
    }

    function render(focus) {
      // A choice picked but not yet sent survives a redraw of the same question (language).
      var form = app.querySelector("form.question");
      var draft = form && form.getAttribute("data-question") === state.walk.at && state.view === "walk"
        ? form.querySelector("input[name=choice]:checked")
        : null;
      var draftValue = draft ? draft.value : null;
      root.setAttribute("lang", DATA.htmlLang[state.lang]);
      renderBar();
      clear(app);
      var view;
      if (state.view === "topics") view = topicsView();
      else if (isQuestion(state.walk.at)) view = questionView();
      else view = outcomeView();
      app.appendChild(view);
      if (draftValue !== null) {
        var again = document.getElementById("c-" + draftValue);
        if (again) again.checked = true;
      }
      var h1 = app.querySelector("h1");
      document.title = (h1 ? h1.textContent + " \u2013 " : "") + T().title;
      var target = null;
      if (focus === "heading") target = h1;
      else if (focus) target = document.getElementById(focus);
      if (target) {
        target.focus();
        if (target !== h1 && target.scrollIntoView) target.scrollIntoView();
      }
    }

    // ------------------------------------------------------------------ screens

    // ← Back (when there is an answer to go back from) and ↺ Start over, into `actions`.
    function moves(actions, walk) {
      if (walk.answers.length) {
        actions.appendChild(
          button(t("back"), function () {
            go(withState({ walk: back(walk) }), "push");
          })
        );
      }
      actions.appendChild(
        button(t("restart"), function () {
          go(withState({ walk: restart() }), "push");
        })
      );
    }

    function questionView() {
      var walk = state.walk;
      var qid = walk.at;
      var q = nodeText(qid);
      var ahead = depths(qid);
      var total = walk.answers.length + ahead[1];
      var stepKey = ahead[0] === ahead[1] ? "step" : "step_upto";
      var preset = lookup(walk.memory, qid);
      var errorId = "q-error";
      var helpId = q.help ? "q-help" : null;

      var radios = el("div", { class: "radios" });
      q.choices.forEach(function (c) {
        var id = "c-" + c.id;
        radios.appendChild(
          el("div", { class: "radio" }, [
            el("input", {
              type: "radio",
              name: "choice",
              id: id,
              value: c.id,
              checked: c.id === preset,
            }),
            el("label", { for: id, text: c.label }),
          ])
        );
      });
      var fieldset = el("fieldset", { "aria-describedby": helpId }, [
        el("legend", null, [
          el("span", {
            class: "caption",
            text: t(stepKey, { n: walk.answers.length + 1, total: total }),
          }),
          heading(1, q.text, { id: "question" }),
        ]),
        helpId ? el("p", { class: "help", id: helpId }, [inline(q.help)]) : null,
        radios,
      ]);
      var form = el("form", { class: "question", novalidate: true, "data-question": qid }, [
        fieldset,
        el("button", { type: "submit", class: "primary", text: t("continue") }),
      ]);
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var picked = form.querySelector("input[name=choice]:checked");
        if (!picked) {
          var old = document.getElementById(errorId);
          if (!old) {
            fieldset.insertBefore(
              el("p", { class: "error-message", id: errorId, role: "alert" }, [
                hidden(t("error")),
                t("choose"),
              ]),
              radios
            );
            fieldset.setAttribute("aria-describedby", [helpId, errorId].filter(Boolean).join(" "));
            fieldset.classList.add("has-error");
          }
          form.querySelector("input[name=choice]").focus();
          return;
        }
        go(withState({ walk: answer(walk, picked.value) }), "push");
      });

      var actions = el("div", { class: "actions" });
      if (walk.answers.length) moves(actions, walk);
      return el("div", { class: "screen", "data-view": "question" }, [form, actions]);
    }

    function outcomeView() {
      var walk = state.walk;
      var o = nodeText(walk.at);
      var parts = [heading(1, o.title, { id: "outcome" })];
      if (o.covered === false) {
        parts.push(
          el("div", { class: "notice covered-no", role: "note" }, [
            el("p", null, [el("strong", { text: t("not_covered_title") })]),
            el("p", { text: t("not_covered") }),
          ])
        );
      }
      if (o.steps.length) {
        parts.push(el("h2", { text: t("what_to_do") }));
        parts.push(
          el(
            "ol",
            { class: "steps" },
            o.steps.map(function (s) {
              return el("li", null, [inline(s)]);
            })
          )
        );
      }
      var topics = o.topics.map(topicById).filter(Boolean);
      if (topics.length) {
        parts.push(el("h2", { text: t("background") }));
        topics.forEach(function (tp) {
          var full = el("details", { class: "full" }, [
            el("summary", null, [t("read_full"), hidden(" " + tp.title)]),
            blocks(tp.answer),
            tp.links.length ? el("h4", { text: t("links") }) : null,
            tp.links.length ? el("ul", { class: "links" }, tp.links.map(linkItem)) : null,
          ]);
          parts.push(
            el("section", { class: "topic", "data-topic": tp.id }, [
              el("h3", { text: tp.title }),
              el(
                "ul",
                null,
                tp.points.map(function (p) {
                  return el("li", null, [inline(p)]);
                })
              ),
              full,
            ])
          );
        });
      }
      if (o.links.length) {
        parts.push(el("h2", { text: t("links") }));
        parts.push(el("ul", { class: "links" }, o.links.map(linkItem)));
      }
      if (topics.length) {
        parts.push(el("h2", { text: t("source") }));
        parts.push(
          el(
            "ul",
            { class: "sources" },
            topics.map(function (tp) {
              return el("li", null, [
                sourcePage(),
                " \u2014 ",
                el("span", { lang: DATA.htmlLang.zh, text: tp.source.title }),
                " ",
                el("span", { class: "anchor", text: "(#" + tp.source.anchor + ")" }),
              ]);
            })
          )
        );
      }
      parts.push(el("h2", { text: t("answers") }));
      var list = el("dl", { class: "answers" });
      walk.answers.forEach(function (p) {
        var q = nodeText(p[0]);
        var c = q.choices.filter(function (x) {
          return x.id === p[1];
        })[0];
        list.appendChild(
          el("div", { class: "row", "data-question": p[0] }, [
            el("dt", { text: q.text }),
            el("dd", { text: c.label }),
            el("dd", { class: "change" }, [
              button(
                t("change_one"),
                function () {
                  go(withState({ walk: change(walk, p[0]) }), "push");
                },
                "link",
                hidden(" " + q.text)
              ),
            ]),
          ])
        );
      });
      parts.push(list);
      var actions = el("div", { class: "actions" });
      moves(actions, walk);
      if (window.print) {
        actions.appendChild(
          button(t("print"), function () {
            window.print();
          })
        );
      }
      parts.push(actions);
      return el("div", { class: "screen", "data-view": "outcome", "data-outcome": walk.at }, parts);
    }

    function topicsView() {
      var parts = [heading(1, t("all_topics"), { id: "topics" })];
      parts.push(el("p", { class: "lede" }, [sourcePage()]));
      parts.push(
        el("nav", { "aria-label": t("contents") }, [
          el(
            "ol",
            { class: "toc" },
            T().topics.map(function (tp) {
              return el("li", null, [
                stateLink(tp.title, withState({ view: "topics", topic: tp.id }), {
                  focus: "topic-" + tp.id,
                }),
              ]);
            })
          ),
        ])
      );
      T().topics.forEach(function (tp) {
        var related = tp.related.map(topicById).filter(Boolean);
        parts.push(
          el("section", { class: "topic", id: "topic-" + tp.id + "-section", "data-topic": tp.id }, [
            heading(2, tp.title, { id: "topic-" + tp.id }),
            blocks(tp.answer),
            tp.points.length ? el("h3", { text: t("points") }) : null,
            tp.points.length
              ? el(
                  "ul",
                  null,
                  tp.points.map(function (p) {
                    return el("li", null, [inline(p)]);
                  })
                )
              : null,
            tp.links.length ? el("h3", { text: t("links") }) : null,
            tp.links.length ? el("ul", { class: "links" }, tp.links.map(linkItem)) : null,
            related.length ? el("h3", { text: t("related") }) : null,
            related.length
              ? el(
                  "ul",
                  null,
                  related.map(function (r) {
                    return el("li", null, [
                      stateLink(r.title, withState({ view: "topics", topic: r.id }), {
                        focus: "topic-" + r.id,
                      }),
                    ]);
                  })
                )
              : null,
            sourceLine(tp.source),
          ])
        );
      });
      return el("div", { class: "screen", "data-view": "topics" }, parts);
    }

    // ------------------------------------------------------------------ start

    fromLocation(false);
    // The page works: the server-rendered copy is no longer needed (it stays if anything failed).
    var fallback = document.getElementById("static");
    if (fallback) fallback.parentNode.removeChild(fallback);
  }
})();
