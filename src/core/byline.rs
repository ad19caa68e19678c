//! Bylines (◎本报记者 魏依晨 通讯员 杨天卓) and datelines (科技日报（记者张景阳 王春）).

use super::article::Byline;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Reporter,
    Correspondent,
    Intern,
}

/// Labels before names, longest first so 本报记者 wins over 记者.
const LABELS: &[(&str, Role)] = &[
    ("本报通讯员", Role::Correspondent),
    ("本报记者", Role::Reporter),
    ("特约记者", Role::Reporter),
    ("见习记者", Role::Reporter),
    ("实习记者", Role::Reporter),
    ("新华社记者", Role::Reporter),
    ("记者", Role::Reporter),
    ("通讯员", Role::Correspondent),
    ("实习生", Role::Intern),
];

/// Read the names in a byline or dateline. Names before any label are
/// correspondents: the paper labels its own reporters, and ◎杨琴 本报记者 何星辉
/// puts the outside contributor first.
pub fn parse_byline(raw: &str) -> Byline {
    let inner = match split_dateline(raw) {
        Some(dateline) => dateline_names(dateline).unwrap_or(dateline),
        None => raw.trim_start_matches('◎'),
    };
    let mut byline = Byline {
        raw: raw.trim().to_string(),
        ..Byline::default()
    };
    let mut role: Option<Role> = None;
    let mut name = String::new();
    let flush = |name: &mut String, role: Option<Role>, byline: &mut Byline| {
        let n = name.trim();
        if !n.is_empty() {
            match role {
                Some(Role::Reporter) => byline.reporters.push(n.to_string()),
                Some(Role::Intern) => byline.interns.push(n.to_string()),
                _ => byline.correspondents.push(n.to_string()),
            }
        }
        name.clear();
    };
    let mut rest = inner;
    while let Some(c) = rest.chars().next() {
        if let Some((label, r)) = LABELS.iter().find(|(l, _)| rest.starts_with(l)) {
            flush(&mut name, role, &mut byline);
            role = Some(*r);
            rest = &rest[label.len()..];
            continue;
        }
        if c.is_whitespace() || matches!(c, '、' | '，' | ',' | '/' | '◎' | '（' | '）' | '(' | ')')
        {
            flush(&mut name, role, &mut byline);
        } else {
            name.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut name, role, &mut byline);
    byline
}

/// The bracketed names of a dateline: 记者张景阳 王春 of 科技日报（记者张景阳 王春）.
fn dateline_names(dateline: &str) -> Option<&str> {
    let open = dateline.find(['（', '('])?;
    let inner = &dateline[open..];
    let open_len = inner.chars().next()?.len_utf8();
    let close = inner.rfind(['）', ')'])?;
    inner.get(open_len..close)
}

/// The dateline at the start of a lead paragraph, if any: a short source name,
/// then brackets naming reporters (科技日报（记者…）, 新华社北京7月29日电（记者…）).
pub fn split_dateline(text: &str) -> Option<&str> {
    // The bracket opens within the first few words, or this is no dateline.
    let head_end = text.char_indices().nth(17).map_or(text.len(), |(i, _)| i);
    let open = text[..head_end].find(['（', '('])?;
    let source = &text[..open];
    let source_len = source.chars().count();
    if !(2..=16).contains(&source_len) || source.contains(['，', '。', '：', '“', ' ']) {
        return None;
    }
    let after = &text[open..];
    let close = after.find(['）', ')'])?;
    let close_len = after[close..].chars().next()?.len_utf8();
    let inner = &after[..close];
    if inner.chars().count() > 40 || !(inner.contains("记者") || inner.contains("通讯员")) {
        return None;
    }
    Some(&text[..open + close + close_len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_byline() {
        let b = parse_byline("◎本报记者 魏依晨 通讯员 杨天卓");
        assert_eq!(b.raw, "◎本报记者 魏依晨 通讯员 杨天卓");
        assert_eq!(b.reporters, ["魏依晨"]);
        assert_eq!(b.correspondents, ["杨天卓"]);
    }

    #[test]
    fn unlabelled_name_first_is_a_correspondent() {
        let b = parse_byline("◎杨琴 本报记者 何星辉");
        assert_eq!(b.reporters, ["何星辉"]);
        assert_eq!(b.correspondents, ["杨琴"]);
    }

    #[test]
    fn several_reporters_and_no_spaces() {
        let b = parse_byline("◎本报记者 王禹涵 李 明 通讯员张璐、刘洋");
        assert_eq!(b.reporters, ["王禹涵", "李", "明"]);
        assert_eq!(b.correspondents, ["张璐", "刘洋"]);
        let b = parse_byline("◎本报记者何星辉通讯员杨琴");
        assert_eq!(b.reporters, ["何星辉"]);
        assert_eq!(b.correspondents, ["杨琴"]);
    }

    #[test]
    fn interns_have_a_role_of_their_own() {
        let b = parse_byline("◎本报记者 魏依晨 实习生 王小明 通讯员 杨天卓");
        assert_eq!(b.reporters, ["魏依晨"]);
        assert_eq!(b.interns, ["王小明"]);
        assert_eq!(b.correspondents, ["杨天卓"]);
    }

    #[test]
    fn dateline_names() {
        let text = "科技日报（记者张景阳 王春）记者7月29日获悉，科创中心启动运营。";
        assert_eq!(split_dateline(text), Some("科技日报（记者张景阳 王春）"));
        let b = parse_byline(split_dateline(text).unwrap());
        assert_eq!(b.raw, "科技日报（记者张景阳 王春）");
        assert_eq!(b.reporters, ["张景阳", "王春"]);
        let t = "新华社合肥8月3日电（记者 周畅 通讯员 吴涛）合肥高新区……";
        let b = parse_byline(split_dateline(t).unwrap());
        assert_eq!(b.reporters, ["周畅"]);
        assert_eq!(b.correspondents, ["吴涛"]);
    }

    #[test]
    fn brackets_in_running_text_are_no_dateline() {
        assert_eq!(
            split_dateline("暖城鄂尔多斯（上海）人才科创中心是重要窗口。"),
            None
        );
        assert_eq!(
            split_dateline("近日，2024第三届中国（赣州）永磁电机大会举办。"),
            None
        );
    }
}
