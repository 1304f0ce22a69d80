"""Lists, quotes and tables as print sets them and as the inspector reads them: items justified with
their last line free, a nested list under an ordered item aligned and in reading order, and nothing
reported on a correct page."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from publisher.build.pipeline import BuildOptions
from publisher.checks.inspect.lines import Line, group_lines
from publisher.checks.inspect.pdftext import read_pdf
from publisher.cli.inspect import inspect as inspect_pdf
from publisher.diagnostics import Diagnostics
from publisher.render.epub.pagebreaks import marked
from publisher.render.printed import PageStart
from tests.helpers import SLUG, article, build, make_content, squash

EM = 10.5
WIDTH = 28 * EM
LONG = "由单位职工或者行政方面向上级工会提出组建申请，上级工会审查后在十五日内作出书面答复"
BODY = f"""组建基层工会，一般经过以下步骤：

1. 提出申请。{LONG}。
2. 成立筹备组。筹备组在上级工会指导下开展工作，主要任务是：
   - 宣传工会法和工会章程，发展会员，做好入会登记和会员卡的发放工作；
   - 酝酿委员会的候选人名单；
3. 召开大会。选举产生工会委员会和经费审查委员会。

帮扶的方式主要有：

- 生活救助：在元旦、春节等节日期间开展走访慰问，发放慰问金和慰问品；
- 助学帮扶：对困难职工家庭考入大学的子女给予一次性助学金。

> 职工代表大会每年至少召开一次。每次会议必须有全体职工代表的三分之二以上出席，方可召开。

| 会员人数 | 委员名额 |
|:---|:---:|
| 二十五人以下 | 三至五人 |

筹备组的工作时间一般不超过三个月。遇有特殊情况需要延长的，应当报上级工会同意。
"""


def built_pdf(root: Path, body: str) -> tuple[Path, Path]:
    content = make_content(root, {"01-first.md": article("title: 第一篇文章", "order: 1", body=body)})
    result = build(content, fmt="pdf")
    assert result.code == 0, result.err
    return content, result.out_dir / f"{SLUG}.pdf"


def violations(content: Path, pdf: Path) -> list[str]:
    inspection = inspect_pdf(pdf, BuildOptions(content=content, out=pdf.parent), Diagnostics(root=content))
    return [f"{v.code}: {v.message} — {v.context}" for v in inspection.violations]


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return built_pdf(tmp_path_factory.mktemp("lists"), BODY)


def body_lines(pdf: Path) -> list[tuple[Line, float]]:
    """The first article's page's body-size lines, each with its left edge from the type area's."""
    page = read_pdf(pdf).pages[6]  # the article's first page: after cover, title page, contents
    lines = [line for line in group_lines(page.number, page.chars) if abs(line.size - EM) < 0.1]
    edge = min(line.left for line in lines)
    return [(line, line.left - edge) for line in lines]


def test_a_correct_page_of_lists_quotes_and_a_table_passes_the_inspector(lists) -> None:
    assert violations(*lists) == []


def test_items_are_justified_and_their_last_lines_free(lists) -> None:
    lines = body_lines(lists[1])
    first = next(i for i, (line, _) in enumerate(lines) if line.text.startswith("1.提出申请"))
    (opening, x0), (closing, x1) = lines[first], lines[first + 1]
    assert x0 == pytest.approx(0, abs=0.5) and x1 == pytest.approx(2 * EM, abs=0.5)
    assert opening.right - (opening.left - x0) == pytest.approx(WIDTH, abs=0.5), "a non-final line ends flush"
    assert closing.right - (closing.left - x1) < WIDTH - EM, "the item's last line is not stretched"


def test_a_nested_list_under_an_ordered_item_is_aligned_and_in_reading_order(lists) -> None:
    lines = body_lines(lists[1])

    def start(prefix: str) -> float:
        return next(x for line, x in lines if squash(line.text).startswith(prefix))

    assert start("2.成立筹备组") == pytest.approx(0, abs=0.5), "the item's marker starts at the left edge"
    assert start("务是：") == pytest.approx(2 * EM, abs=0.5), "the item's text goes on 2 em in"
    assert start("•宣传工会法") == pytest.approx(2 * EM, abs=0.5), "the nested items line up with its text"
    assert start("3.召开大会") == pytest.approx(0, abs=0.5)
    text = squash("".join(line.text for line, _ in lines))
    assert text.index("2.成立筹备组") < text.index("•宣传工会法") < text.index("•酝酿委员会") < text.index("3.召开大会")


def test_a_short_line_inside_an_item_is_still_reported(tmp_path: Path) -> None:
    """The inspector checks list items as paragraphs: a forced break mid-item leaves a short line."""
    body = f"引言一段。\n\n1. 提出申请。\\\n{LONG}。\n2. 第二项。\n"
    found = violations(*built_pdf(tmp_path, body))
    assert [v for v in found if v.startswith("flush")] == [
        "flush: line ends 21.00 em short of the right edge — 1.提出申请。"
    ]


def test_a_page_that_starts_with_a_list_item_is_marked_inside_it_in_the_e_book() -> None:
    """Nothing may stand between two list items: the page's marker opens the item's text."""
    html = (
        '<div><ol><li class="inline" data-block="1">第一项</li><li class="inline" data-block="2">第二项</li></ol></div>'
    )
    out = lxml_html.fragment_fromstring(marked(html, [PageStart(8, "a", "2", 0)]))
    item = out.find(".//li[@data-block='2']")
    assert item[0].get("id") == "page-8" and item[0].tail == "第二项"
    assert [child.tag for child in out.find("ol")] == ["li", "li"]
