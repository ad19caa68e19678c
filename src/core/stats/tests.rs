use super::*;
use crate::core::figures::Figure;

fn day(y: u16, m: u8, d: u8) -> Option<PageDate> {
    PageDate::new(y, m, Some(d))
}

fn article(id: &str, park: &str, date: Option<PageDate>, source: &str) -> Article {
    let mut a = Article::new(id, format!("{park}的新闻{id}"));
    a.park = Some(park.to_string());
    a.date = date;
    a.source = source.to_string();
    a
}

fn money(text: &str, value: f64) -> Figure {
    Figure::new(text, value, "元", FigureKind::Money)
}

/// 合肥: Jan, Jan, Apr 2024 and one undated; 芜湖: Mar 2024. Nothing in February.
fn sample() -> Collection {
    let mut a = article("a1", "合肥高新区", day(2024, 1, 5), "2024-01-05-kjrb.txt");
    a.figures = vec![
        money("3亿元", 3e8),
        money("500万元", 5e6),
        Figure::new("2024年", 20240000.0, "年", FigureKind::Date),
        Figure::new("20%", 0.2, "%", FigureKind::Percent),
    ]
    .into();
    let mut b = article("a2", "合肥高新区", day(2024, 1, 20), "2024-01-20-kjrb.txt");
    b.figures = vec![money("12亿元", 1.2e9)].into();
    let c = article("a3", "合肥高新区", day(2024, 4, 2), "科技日报20240402.txt");
    let d = article("a4", "合肥高新区", None, "notes.toml");
    let mut e = article("a5", "芜湖经开区", day(2024, 3, 9), "2024-03-09-kjrb.txt");
    e.figures = vec![Figure::new("300吨", 300.0, "吨", FigureKind::Quantity)].into();
    Collection::from_articles(vec![a, b, c, d, e], Vec::new())
}

fn month(year: u16, month: u8) -> Month {
    Month { year, month }
}

#[test]
fn every_month_of_the_span_is_counted_empty_ones_too() {
    let s = stats(&sample(), |_| true, None);
    let months: Vec<(String, usize)> = s
        .months
        .iter()
        .map(|m| (m.month.to_string(), m.articles))
        .collect();
    let expected = [
        ("2024-01", 2),
        ("2024-02", 0),
        ("2024-03", 1),
        ("2024-04", 1),
    ];
    let expected: Vec<(String, usize)> =
        expected.iter().map(|(m, n)| (m.to_string(), *n)).collect();
    assert_eq!(months, expected);
    assert_eq!((s.articles, s.undated), (5, 1));
    let hefei = s.park("合肥高新区").unwrap();
    // A park's months run over the whole span, not only its own.
    let counts: Vec<usize> = hefei.months.iter().map(|m| m.articles).collect();
    assert_eq!(counts, [2, 0, 0, 1]);
    assert_eq!(hefei.undated, 1);
    let span = hefei.span.unwrap();
    assert_eq!(
        (span.first, span.last),
        (day(2024, 1, 5).unwrap(), day(2024, 4, 2).unwrap())
    );
}

#[test]
fn parks_go_most_articles_first() {
    let s = stats(&sample(), |_| true, None);
    let names: Vec<(&str, usize)> = s
        .parks
        .iter()
        .map(|p| (p.name.as_str(), p.articles))
        .collect();
    assert_eq!(names, [("合肥高新区", 4), ("芜湖经开区", 1)]);
}

#[test]
fn units_have_count_sum_largest_and_span_and_dates_are_no_unit() {
    let s = stats(&sample(), |_| true, None);
    let hefei = s.park("合肥高新区").unwrap();
    let yuan = &hefei.units[0];
    assert_eq!((yuan.kind, yuan.unit.as_str()), (FigureKind::Money, "元"));
    assert_eq!(yuan.count, 3);
    assert_eq!(yuan.sum, 3e8 + 5e6 + 1.2e9);
    assert_eq!(yuan.largest, 1.2e9);
    let span = yuan.span.unwrap();
    assert_eq!(
        (span.first, span.last),
        (day(2024, 1, 5).unwrap(), day(2024, 1, 20).unwrap())
    );
    let top: Vec<(&str, &str, usize)> = yuan
        .top
        .iter()
        .map(|p| (p.text.as_str(), p.article_id.as_str(), p.figure))
        .collect();
    assert_eq!(
        top,
        [
            ("12亿元", "a2", 0),
            ("3亿元", "a1", 0),
            ("500万元", "a1", 1)
        ]
    );
    // Oldest first, for the chart.
    let series: Vec<f64> = yuan.series.iter().map(|(_, v)| *v).collect();
    assert_eq!(series, [5e6, 3e8, 1.2e9]);
    assert!(hefei.units.iter().all(|u| u.kind != FigureKind::Date));
    assert_eq!(hefei.figures, 4, "three money figures and one percentage");
}

#[test]
fn ten_largest_are_kept_largest_first() {
    let mut a = article("b1", "合肥高新区", day(2023, 5, 1), "x.txt");
    a.figures = (1..=25)
        .map(|n| money(&format!("{n}万元"), f64::from(n) * 1e4))
        .collect();
    let c = Collection::from_articles(vec![a], Vec::new());
    let s = stats(&c, |_| true, None);
    let top: Vec<f64> = s.parks[0].units[0].top.iter().map(|p| p.value).collect();
    let expected: Vec<f64> = (16..=25).rev().map(|n| f64::from(n) * 1e4).collect();
    assert_eq!(top, expected);
    assert_eq!(s.parks[0].units[0].count, 25);
}

#[test]
fn a_given_span_fixes_the_months_and_leaves_out_what_is_outside() {
    let span = MonthSpan {
        first: month(2023, 12),
        last: month(2024, 3),
    };
    let s = stats(&sample(), |_| true, Some(span));
    let counts: Vec<usize> = s.months.iter().map(|m| m.articles).collect();
    assert_eq!(counts, [0, 2, 0, 1]);
    // April's article is out; the undated one stays.
    assert_eq!((s.articles, s.undated), (4, 1));
}

#[test]
fn keep_filters_articles_and_parks() {
    let s = stats(&sample(), |a| a.park.as_deref() == Some("芜湖经开区"), None);
    assert_eq!(s.parks.len(), 1);
    assert_eq!(s.articles, 1);
    assert_eq!(
        s.span,
        Some(MonthSpan {
            first: month(2024, 3),
            last: month(2024, 3)
        })
    );
    assert_eq!(s.parks[0].units[0].unit, "吨");
}

#[test]
fn sources_are_papers_with_counts_and_spans() {
    let s = stats(&sample(), |_| true, None);
    let sources: Vec<(&str, usize)> = s
        .sources
        .iter()
        .map(|x| (x.name.as_str(), x.articles))
        .collect();
    assert_eq!(sources, [("kjrb", 3), ("notes", 1), ("科技日报", 1)]);
    let kjrb = s.sources[0].span.unwrap();
    assert_eq!(
        (kjrb.first, kjrb.last),
        (day(2024, 1, 5).unwrap(), day(2024, 3, 9).unwrap())
    );
    assert_eq!(s.sources[1].span, None);
}

#[test]
fn a_paper_is_its_file_name_without_date_and_extension() {
    for (file, paper) in [
        ("2024-07-30-kjrb-yuanqu.txt", "kjrb-yuanqu"),
        ("kjrb-2024-07-30.txt", "kjrb"),
        ("科技日报20240730.txt", "科技日报"),
        ("2024年7月30日.txt", "2024年7月30日.txt"),
        ("page.txt", "page"),
        ("g60-news.txt", "g60-news"),
        ("2024-07-30-kjrb.HTML", "kjrb"),
        ("www.stdaily.com", "www.stdaily.com"),
        ("kjrb", "kjrb"),
        ("", ""),
    ] {
        assert_eq!(paper_of(file), paper, "{file}");
    }
}

#[test]
fn months_step_across_years() {
    let months: Vec<String> = month(2023, 11)
        .through(month(2024, 2))
        .map(|m| m.to_string())
        .collect();
    assert_eq!(months, ["2023-11", "2023-12", "2024-01", "2024-02"]);
    assert_eq!(month(2024, 2).back(3), month(2023, 11));
    assert_eq!(month(2024, 2).through(month(2024, 1)).count(), 0);
    let span = MonthSpan {
        first: month(2020, 1),
        last: month(2024, 6),
    };
    assert_eq!(span.last_months(12).first, month(2023, 7));
}

#[test]
fn nothing_kept_is_no_span_and_no_months() {
    let s = stats(&sample(), |_| false, None);
    assert_eq!(
        (s.articles, s.span, s.months.len(), s.parks.len()),
        (0, None, 0, 0)
    );
}
