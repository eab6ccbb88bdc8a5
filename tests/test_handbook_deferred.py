"""Heavy HTML blocks kept out of MkDocs' Markdown and put back after it renders a page (`handbook.deferred`):
only blocks of sections kept out of search are taken, each comes back exactly as generated under its own
heading, no placeholder reaches a built page nor the Markdown on disk, and a block that cannot be put back fails
the build."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from conftest import HANDBOOK_TODAY
from spread.errors import SpreadError
from spread.handbook import deferred, engine, files, paths
from spread.handbook.generate import pages
from spread.handbook.publish import generate_build, publish
from spread.network.repo import load_network

CHUNKS = (
    "# Title", "Summary, [a link](x.md).", '<p class="searched">kept: its section is searched</p>',
    "## Record { data-search-exclude }", "<dl><dt>Term</dt><dd>Value</dd></dl>", "Plain Markdown text.",
    '<table><thead><tr><th>A</th></tr></thead><tbody>\n<tr><td>1</td></tr>\n</tbody></table>',
    '<div class="box" markdown>', "<p>inside a container Markdown reads</p>", "</div>",
    "## Searched again", "<ul><li>kept</li></ul>",
)
PAGE = "\n\n".join(CHUNKS) + "\n"


def test_only_blocks_of_sections_kept_out_of_search_are_taken() -> None:
    kept, blocks = deferred.split(PAGE)
    assert blocks == ["<dl><dt>Term</dt><dd>Value</dd></dl>",
                      '<table><thead><tr><th>A</th></tr></thead><tbody>\n<tr><td>1</td></tr>\n</tbody></table>']
    assert kept.count("<!-- spread-deferred-block") == 2
    for still in ('<p class="searched">', "Plain Markdown text.", "<p>inside a container", "<ul><li>kept"):
        assert still in kept
    assert deferred.restore("page.md", kept, blocks) == PAGE


def test_a_block_ending_the_page_is_taken_and_the_last_line_break_kept() -> None:
    page = "# Title\n\n## Sites { data-search-exclude }\n\n<table><tr><td>a</td></tr></table>\n"
    kept, blocks = deferred.split(page)
    assert (kept, blocks) == ("# Title\n\n## Sites { data-search-exclude }\n\n<!-- spread-deferred-block 0 -->\n",
                              ["<table><tr><td>a</td></tr></table>"])
    assert deferred.restore("page.md", kept, blocks) == page


def test_blocks_one_after_another_share_a_placeholder() -> None:
    page = "## Plan { data-search-exclude }\n\n<p>From the audit.</p>\n\n<ul><li>a</li></ul>\n\nText.\n"
    assert deferred.split(page) == ("## Plan { data-search-exclude }\n\n<!-- spread-deferred-block 0 -->\n\nText.\n",
                                    ["<p>From the audit.</p>\n\n<ul><li>a</li></ul>"])
    assert deferred.restore("page.md", *deferred.split(page)) == page


def test_a_page_without_such_blocks_is_left_as_it_is() -> None:
    page = "# Title\n\n<table><tr><td>searched</td></tr></table>\n"
    assert deferred.split(page) == (page, [])


@pytest.mark.parametrize("rendered, blocks, message", [
    ("<p>a</p><!-- spread-deferred-block 1 -->", ["x"], "page.md: placeholder 1 has no block to put back"),
    ("<p>a</p>", ["x"], "page.md: block 0 lost its placeholder in rendering"),
    ("<!-- spread-deferred-block 0 --><!-- spread-deferred-block 0 -->", ["x"],
     "page.md: placeholder 0 has no block to put back"),
])
def test_a_placeholder_and_a_block_that_do_not_match_are_refused(rendered: str, blocks: list[str],
                                                                   message: str) -> None:
    with pytest.raises(deferred.Unrestored, match=re.escape(message)):
        deferred.restore("page.md", rendered, blocks)


def _heading_title(markdown_line: str) -> str:
    return re.sub(r"\s*\{[^}]*\}$", "", markdown_line.lstrip("#").strip())


@pytest.mark.slow
def test_every_block_is_back_as_generated_under_its_own_heading(handbook: Path) -> None:
    network = load_network(handbook)
    inputs, _ = files.read_inputs(network, "Spread example handbook")
    generated = pages(network, date.fromisoformat(HANDBOOK_TODAY), inputs)
    split = deferred.split_pages(generated)
    kept, blocks = split.kept, split.blocks
    assert kept.keys() == blocks.keys()
    site_pages = [rel for rel in generated if "/sites/" in rel]
    assert site_pages and all(rel in blocks for rel in site_pages)
    assert blocks.keys() >= {paths.dashboard(pid) for pid in network.playbooks} | {
        paths.playbook(pid) for pid in network.playbooks}
    for rel, page_blocks in blocks.items():
        built = (handbook / "site" / rel.removesuffix(".md")).with_suffix(".html").read_text(encoding="utf-8")
        chunks = kept[rel].rstrip("\n").split("\n\n")
        at, heading_end, last_heading = 0, 0, -1
        for n, block in enumerate(page_blocks):
            placeholder = chunks.index(deferred.PLACEHOLDER.format(n))
            heading = max(i for i, chunk in enumerate(chunks[:placeholder]) if chunk.startswith("#"))
            if heading != last_heading:  # a new section: its heading comes after the blocks before
                title = _heading_title(chunks[heading])
                heading_end = built.index(f'">{title}<a class="headerlink"', at) + len(title) + 30
                last_heading = heading
            found = built.index(block, max(at, heading_end))  # byte for byte, in order, after its heading
            next_heading = built.find('class="headerlink"', heading_end)
            assert next_heading == -1 or found < next_heading, (rel, n, title)
            at = found + len(block)


@pytest.mark.slow
def test_no_placeholder_reaches_a_built_page_nor_the_markdown_on_disk(handbook: Path) -> None:
    built = list((handbook / "site").rglob("*.html"))
    assert len(built) > 40
    assert not [p for p in built if "spread-deferred-block" in p.read_text(encoding="utf-8")]
    on_disk = list((handbook / ".spread-build/docs").rglob("*.md"))
    assert len(on_disk) > 40
    assert not [p for p in on_disk if "spread-deferred-block" in p.read_text(encoding="utf-8")]
    site_page = (handbook / ".spread-build/docs" / paths.site("code-club", "leeds-central")).read_text("utf-8")
    assert "## Action plan { data-search-exclude }\n\n<" in site_page  # the block itself, under its heading


@pytest.mark.slow
def test_a_block_that_cannot_be_put_back_fails_the_build_in_one_line(demo: Path, tmp_path: Path) -> None:
    prepared = generate_build(load_network(demo), tmp_path / "build", date(2026, 11, 15))
    assert prepared.split.blocks[paths.site("demo", "leeds")]
    lost = deferred.Split(prepared.split.kept, {rel: blocks[:-1] for rel, blocks in prepared.split.blocks.items()})
    (tmp_path / "site").mkdir()
    with pytest.raises(SpreadError) as raised:
        engine.build("mkdocs", prepared.config_file, tmp_path / "site", lost)
    message = raised.value.format_message()
    assert "\n" not in message
    assert "placeholder" in message and "has no block to put back" in message and "bug in Spread" in message


@pytest.mark.slow
def test_the_handbook_is_the_one_built_without_deferring_but_for_line_breaks_between_tags(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    network, today = load_network(example), date.fromisoformat(HANDBOOK_TODAY)
    publish(network, example / "deferred", today)
    monkeypatch.setattr(deferred, "split_pages", lambda pages: deferred.Split())
    publish(network, example / "whole", today)
    built = sorted(p.relative_to(example / "whole") for p in (example / "whole").rglob("*") if p.is_file())
    assert built == sorted(p.relative_to(example / "deferred") for p in (example / "deferred").rglob("*")
                           if p.is_file())
    differ = []
    for rel in built:
        whole, kept = (example / "whole" / rel).read_bytes(), (example / "deferred" / rel).read_bytes()
        if whole != kept:  # Markdown puts a line break between raw HTML elements it reads one after another
            assert whole.replace(b">\n<", b"><") == kept.replace(b">\n<", b"><"), rel
            differ.append(rel)
    assert differ and all("/sites/" in str(rel) or "dashboard" in str(rel) for rel in differ)
