"""User text on handbook pages: shown as written, never run; Markdown only in the fields declared as Markdown,
rendered and sanitised; and the security policy every page carries."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import markdown
import pytest

from spread.errors import SpreadError
from spread.handbook import theme
from spread.handbook.escaping import MARKDOWN_FIELDS, clean, html, link, prose, spans, text
from spread.handbook.history import changes
from spread.handbook.markup import inline, table

# The extensions the generated configuration turns on, and syntax a user may add in mkdocs.yml: the escaping
# must hold with all of them.
EXTENSIONS = ["tables", "admonition", "attr_list", "md_in_html", "def_list", "pymdownx.details", "toc",
              "pymdownx.magiclink", "pymdownx.emoji", "pymdownx.mark", "pymdownx.caret", "pymdownx.tilde",
              "pymdownx.keys", "abbr", "footnotes"]


def render(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


def visible(out: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", out)).strip()


HOSTILE = [
    '</title><script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "Circles {: onclick=alert(1) } and *stars* and [a link](javascript:alert(1))",
    "# not a heading | not | a table",
    "- not a list\n\n> not a quote",
    "back\\slash ~~tilde~~ & ampersand ` lone backtick",
    "1. not a numbered list", "+ not a list either", "---", "Version 2.0.0 at 1.5 hours",
    "line\n===", "term\n:   not a definition", "!!! danger \"not an admonition\"", "??? note", "<details>x",
    ":smile: www.example.org https://example.org @user ==mark== ^^ins^^ ++ctrl+alt++ [^1] *[HTML]: x",
    "<!-- spread-deferred-block 0 --> --> <!--", "{{ config }} {% raw %}", "&#106;avascript:alert(1) &amp; &lt;",
    "<https://example.org> <javascript:alert(1)> ![x](https://example.org/pixel.png)",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_text_is_shown_exactly_and_is_nothing_but_characters(value: str) -> None:
    out = render(text(value))
    assert re.fullmatch(r"<p>[^<>]*</p>", out), out  # one paragraph, no element inside it
    assert visible(out) == " ".join(value.split())


@pytest.mark.parametrize("value", HOSTILE)
def test_text_in_a_heading_reads_as_written_in_the_heading_and_the_table_of_contents(value: str) -> None:
    md = markdown.Markdown(extensions=EXTENSIONS)
    out = md.convert(f"## {text(value)} {{ #fixed data-search-exclude }}")
    assert re.fullmatch(r'<h2 data-search-exclude id="fixed">[^<>]*</h2>', out), out  # only our attributes
    assert visible(out) == " ".join(value.split())
    assert [unescape(token["name"]) for token in md.toc_tokens] == [" ".join(value.split())]  # type: ignore[attr-defined]


@pytest.mark.parametrize("value", HOSTILE)
def test_text_in_a_table_cell_stays_in_its_cell(value: str) -> None:
    out = render(f"| Value | Next |\n|---|---|\n| {text(value)} | after |")
    assert out.count("<td>") == 2 and "<td>after</td>" in out


@pytest.mark.parametrize("value", HOSTILE)
def test_inline_in_a_raw_html_block_is_shown_exactly_and_runs_nothing(value: str) -> None:
    """Heavy parts of site pages are raw HTML blocks: Markdown passes them through, so `inline` alone keeps
    user text from becoming markup there, with every extension on."""
    out = render(f"# Page\n\n{table(['Value'], [[inline(value)]])}\n")
    cell = out[out.index("<td>") + 4:out.index("</td>")]
    assert "<" not in cell.replace("<code>", "").replace("</code>", "")
    assert unescape(re.sub(r"</?code>", "", cell)) == " ".join(value.split())


def test_code_in_backticks_shows_as_code_on_both_paths() -> None:
    assert inline("Run `spread site new <id>` then *check*") == \
        "Run <code>spread site new &lt;id&gt;</code> then *check*"
    assert inline("  two\n lines  ") == "two lines"
    out = render(text("Run `spread site new <id>` then *check*"))
    assert "<code>spread site new &#60;id&#62;</code>" in out and visible(out) == "Run spread site new <id> then *check*"
    assert list(spans(" a `b`  c ``d`` ` e")) == [("a ", False), ("b", True), (" c ", False), ("d", True),
                                                  (" ` e", False)]


def test_text_leaves_plain_words_alone() -> None:
    assert text("Peer support circles") == "Peer support circles" and text("café · ✓") == "café · ✓"


def test_control_characters_show_as_the_replacement_character() -> None:
    """Not even Python-Markdown's own placeholders (STX, ETX) pass: no reader or parser meets a control character."""
    value = "a\x02wzxhzdk:0\x03 b\x1b[31m c\x00\x7f"
    for out in (text(value), inline(value), html(value), prose(value)):
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", out) and out.count("\ufffd") == 5, out


def test_html_escapes_for_text_and_attributes() -> None:
    assert html('<a href="x">') == "&lt;a href=&quot;x&quot;&gt;"
    assert html("it's & so") == "it&#x27;s &amp; so"


def test_prose_allows_markdown_and_shows_raw_html_as_text() -> None:
    out = prose("Some *emphasis* and a [web link](https://example.org/a_(b)).\n\n<b>bold</b> "
                "<script>alert(1)</script>\n\n- one\n- two")
    assert out.startswith('<div class="spread-prose"><p>') and out.endswith("</ul></div>")
    assert "<em>emphasis</em>" in out and "<li>one</li>" in out
    assert '<a href="https://example.org/a_(b)" rel="noopener noreferrer">web link</a>' in out
    assert "&lt;b&gt;bold&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;" in out and "<b>" not in out


@pytest.mark.parametrize("source", [
    "[click](javascript:alert(1))", "[click](JAVASCRIPT:alert(1))", "[click](&#106;avascript:alert(1))",
    "[click](java\tscript:alert(1))", "[click](<javascript:alert(1)>)", "[click](data:text/html,x)",
    "[click](vbscript:msgbox(1))", "[click](relative/page.md)", "[click](../../etc/passwd)", "[click](#two words)",
    "[click](#a/../../b)", "[click](page.md#anchor)",
    "[click](//example.org/x)", "[click][r]\n\n[r]: javascript:alert(1)", "<javascript:alert(1)>",
])
def test_prose_links_go_nowhere_but_the_web_or_mail(source: str) -> None:
    out = prose(source)
    assert "href" not in out and "<a" not in out
    assert "click" in out or "javascript" in out


def test_prose_keeps_a_link_to_a_heading_on_the_same_page() -> None:
    out = prose("See the [version history](#version-history).")
    assert '<a href="#version-history" rel="noopener noreferrer">version history</a>' in out


def test_prose_keeps_web_and_mail_links() -> None:
    assert 'href="mailto:hub@example.org"' in prose("[Write to us](mailto:hub@example.org)")
    assert 'href="https://example.org"' in prose("<https://example.org>")


def test_prose_drops_images_so_nothing_is_fetched() -> None:
    assert "<img" not in prose("![tracker](https://example.org/pixel.png) and text")


def test_prose_moves_headings_under_the_page_and_keeps_code_on_one_line() -> None:
    assert "<h3>Top</h3>" in prose("# Top\n\n## Next") and "<h4>Next</h4>" in prose("# Top\n\n## Next")
    assert "<h4>Only</h4>" in prose("### Only", top=4) and "<h6>Deep</h6>" in prose("# A\n\n###### Deep", top=5)
    out = prose("```\nfirst\n\nthird <b>\n```\n\nafter")
    assert "\n" not in out and "<pre><code>first&#10;&#10;third &lt;b&gt;&#10;</code></pre>" in out


def test_prose_is_one_raw_block_markdown_passes_through_whole() -> None:
    block = prose("# A heading\n\nText with *emphasis*, {: onclick=x } and [a](https://example.org).\n\n"
                  "```\ncode\n\n# not a heading\n```\n\n<!-- spread-deferred-block 0 -->\n\n| a |\n|---|\n| b |")
    out = render(f"# Page\n\n{block}\n\n## After")
    assert block in out and out.endswith('<h2 id="after">After</h2>')
    assert "<!--" not in block and "onclick=" not in block.replace("{: onclick=x }", "")


def test_clean_keeps_only_the_allow_list() -> None:
    assert clean('<div onclick="x"><a href="https://x.org" onclick="y" style="z">a</a><iframe></iframe></div>') == \
        '<a href="https://x.org" rel="noopener noreferrer">a</a>'
    assert clean("<svg onload=alert(1)><script>alert(2)</script>text</svg>") == "text"


def test_link_is_a_web_link_or_just_its_label() -> None:
    assert link("Report", "https://x.org/a?b=1&c=2") == \
        '<a href="https://x.org/a?b=1&amp;c=2" rel="noopener noreferrer">Report</a>'
    assert link("Report", "ftp://x") == "Report" and link("Report", None) == "Report"
    assert link("Report", "javascript:alert(1)") == "Report"
    assert link("Report", 'https://x.org/"onmouseover="alert(1)') == \
        '<a href="https://x.org/&quot;onmouseover=&quot;alert(1)" rel="noopener noreferrer">Report</a>'


def test_the_markdown_fields_are_declared_in_one_place() -> None:
    assert MARKDOWN_FIELDS == {"playbook": ("description", "evidence.summary", "replication.notes",
                                            "local[].guidance"), "site": ("notes",)}


def test_changelog_releases_are_headings_over_sanitised_notes() -> None:
    out = changes("# Changelog\n\nIntro.\n\n## [<img/src=x/onerror=alert(1)>] - 2026-02-02\n\nNotes with "
                  "<script>alert(2)</script>.\n\n### Added\n\n- A thing\n\n## [1.0.0] - 2025-01-01\n\n## not a release")
    first, notes, second, rest = out.split("\n\n")
    assert visible(render(first)) == "Version <img/src=x/onerror=alert(1)>, 2 February 2026"
    assert render(first).startswith("<h4") and visible(render(second)) == "Version 1.0.0, 1 January 2025"
    assert notes == ('<div class="spread-prose"><p>Notes with &lt;script&gt;alert(2)&lt;/script&gt;.</p> '
                     "<h5>Added</h5> <ul> <li>A thing</li> </ul></div>")
    assert rest == '<div class="spread-prose"><h5>not a release</h5></div>' and "Intro" not in out


# The security policy

def test_the_policy_comes_first_in_the_head_with_the_character_set() -> None:
    import jinja2

    source = '<!doctype html><html><head lang="en">{% block site_meta %}<meta charset="utf-8"><meta x>{% endblock %}'
    out = theme.base_template(source, {".": "policy-top", "..": "policy-one-down"})
    assert out.count('<meta charset="utf-8">') == 1 and out.endswith("{% block site_meta %}<meta x>{% endblock %}")
    # Rendered as the engine renders it: the character set, then the policy of the page's depth, before anything.
    template = jinja2.Environment().from_string(out)
    for base, policy in ((".", "policy-top"), ("..", "policy-one-down")):
        assert template.render(base_url=base).startswith(
            '<!doctype html><html><head lang="en">\n<meta charset="utf-8">\n<meta http-equiv='
            f'"Content-Security-Policy" content="{policy}"><meta x>')
    deeper = template.render(base_url="../../../../../../../../../../..")
    assert re.search(r'<head lang="en">\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" '
                     r'content="default-src \'self\'; script-src \'self\'; [^"]*object-src \'none\'[^"]*"><meta x>$',
                     deeper)
    with pytest.raises(SpreadError, match="has no <head>"):
        theme.base_template("<html><body></body></html>", {})


def test_the_policy_allows_the_themes_own_inline_scripts_at_every_depth_and_nothing_else() -> None:
    env = theme.environment({})
    settings = {"theme": {"name": "material", "features": ["content.tabs.link"]}, "extra": {}}
    by_base = theme.policies(env, settings)
    assert set(by_base) == {".", "/", *("/".join([".."] * n) for n in range(1, theme.DEEPEST + 1))}
    scope = env.get_template("partials/javascripts/base.html").render(config=settings, base_url="../..")
    script = re.search(r"<script>(.*?)</script>", scope, re.DOTALL).group(1)  # type: ignore[union-attr]
    assert theme._digest(script) in by_base["../.."] and theme._digest(script) not in by_base["."]
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"):
        assert directive in by_base["."]
    assert "'unsafe-inline'" not in by_base["."].split("; style-src")[0]
    assert "'unsafe-eval'" not in by_base["."] and " data:" not in by_base["."].split("; style-src")[0]


def test_a_users_theme_folder_is_kept_and_must_be_inside_the_repository(tmp_path: Path) -> None:
    (tmp_path / "overrides/partials").mkdir(parents=True)
    (tmp_path / "overrides/main.html").write_text('{% extends "base.html" %}{% block hero %}Hi{% endblock %}')
    (tmp_path / "overrides/partials/footer.html").write_text("<footer>Ours</footer>")
    found = theme.files(tmp_path, {"theme": {"name": "material", "custom_dir": "overrides"}})
    assert found["main.html"].startswith(b'{% extends "base.html" %}') and found["partials/footer.html"]
    # Every page extends base.html, which picks the base template of the engine rendering it; each of those is
    # the theme's own, with the policy first in its <head>.
    engines = re.findall(r'"spread-(\w+)-base.html"', found["base.html"].decode())
    assert engines and set(engines) <= {"mkdocs", "zensical"}
    for engine in engines:
        base = found[f"spread-{engine}-base.html"].decode()
        assert re.search(r'<head[^>]*>\n<meta charset="utf-8">\n\{%- set spread_policies = .*\n'
                         r'<meta http-equiv="Content-Security-Policy"', base)
        assert base.index("Content-Security-Policy") < base.index("<script")
    for outside in ("..", "../elsewhere", "/etc", "."):
        with pytest.raises(SpreadError, match="not a folder inside the repository"):
            theme.files(tmp_path, {"theme": {"custom_dir": outside}})
    with pytest.raises(SpreadError, match="`overides` is not a folder in the repository: create it, or remove"):
        theme.files(tmp_path, {"theme": {"custom_dir": "overides"}})


def test_a_link_or_image_whose_address_holds_a_space_is_text_and_keeps_the_words_after_it() -> None:
    out = prose('Tea. A ![img](x" onerror="alert(18)) B and [see](x" y) C, [ok](https://example.org "t") D')
    assert visible(out) == 'Tea. A ![img](x" onerror="alert(18)) B and [see](x" y) C, ok D'
    assert re.findall(r"<(\w+)", out) == ["div", "p", "a"]  # the stray quotes are text, in no attribute
    assert '<a href="https://example.org" title="t" rel="noopener noreferrer">ok</a>' in out
