//! Photo captions and their credits: `… 尹才震摄`, `图为…`, `受访者供图`.

use super::punctuation;

/// Characters after which a caption's text ends and its credit may begin.
fn ends_caption_text(c: char) -> bool {
    punctuation::is_full_stop(c) || punctuation::is_closing_mark(c) || matches!(c, '…' | '.')
}

/// Words that say who took a picture (本报记者, 通讯员, 新华社记者 …).
const CREDIT_LABELS: &[&str] = &[
    "记者",
    "通讯员",
    "摄影",
    "社",
    "报",
    "网",
    "实习生",
    "编辑",
    "特派",
];

fn is_credit_label(word: &str) -> bool {
    word.chars().count() <= 12 && CREDIT_LABELS.iter().any(|l| word.contains(l))
}

fn is_credit_name(word: &str) -> bool {
    let n = word.chars().count();
    (2..=4).contains(&n) || word.chars().all(|c| c.is_ascii_alphabetic()) && n >= 2
}

/// A credit is a name, or labels each followed by one or more names (本报记者 张三
/// 通讯员 李四, 记者 王五、赵六), the last word a name or 供图/资料图片.
fn is_credit(credit: &str) -> bool {
    let words: Vec<&str> = credit
        .split(|c: char| c.is_whitespace() || c == '、')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 6 || credit.chars().count() > 32 {
        return false;
    }
    if !credit
        .chars()
        .all(|c| c.is_alphanumeric() || c.is_whitespace() || matches!(c, '·' | '/' | '、'))
    {
        return false;
    }
    let Some((last, before)) = words.split_last() else {
        return false;
    };
    if last.ends_with("供图") {
        return before.iter().all(|w| is_credit_label(w));
    }
    if !is_credit_name(last) {
        return false;
    }
    // Every name after the first word stands after a label: loose words before a
    // name are the caption's, not a credit.
    let mut labelled = false;
    for word in &words {
        if is_credit_label(word) {
            labelled = true;
        } else if !(is_credit_name(word) && (labelled || words.len() == 1)) {
            return false;
        }
    }
    true
}

/// A line that is only a credit: 受访者供图, 本报记者 张三摄, （资料图片）, 新华社发.
pub fn credit_only(line: &str) -> Option<String> {
    let inner = strip_brackets(line.trim());
    if inner == "资料图片" || inner.ends_with("社发") && inner.chars().count() <= 8 {
        return Some(inner.to_string());
    }
    // A char is at most four bytes: a long line is known too long without counting.
    if inner.len() > 4 * 24 || inner.chars().count() > 24 || inner.contains(['。', '，']) {
        return None;
    }
    if let Some(name) = inner.strip_suffix('摄') {
        let name = name.trim();
        return is_credit(name).then(|| name.to_string());
    }
    if inner.ends_with("供图") && is_credit(inner) {
        return Some(inner.to_string());
    }
    None
}

fn strip_brackets(s: &str) -> &str {
    s.strip_prefix(['（', '('])
        .and_then(|s| s.strip_suffix(['）', ')']))
        .unwrap_or(s)
}

/// Split a caption line into its text and credit. None when the line is no caption.
pub fn split_caption(line: &str) -> Option<(String, Option<String>)> {
    let line = line.trim();
    let starts_as_caption =
        line.starts_with("图为") || line.starts_with("图：") || line.starts_with('▲');
    if let Some((text, credit)) = trailing_credit(line) {
        return Some((text, Some(credit)));
    }
    starts_as_caption.then(|| (line.to_string(), None))
}

/// `text 尹才震摄`, `text（新华社记者 邵瑞摄）`, `text 受访者供图`.
fn trailing_credit(line: &str) -> Option<(String, String)> {
    // A bracketed credit at the very end.
    if line.ends_with(['）', ')']) {
        if let Some(open) = line.rfind(['（', '(']) {
            if let Some(credit) = credit_only(&line[open..]) {
                let text = line[..open].trim_end();
                if !text.is_empty() {
                    return Some((text.to_string(), credit));
                }
            }
        }
    }
    let (body, keep_suffix) = if let Some(b) = line.strip_suffix('摄') {
        (b, "")
    } else if let Some(b) = line.strip_suffix("供图") {
        (b, "供图")
    } else {
        return None;
    };
    // The credit starts after the caption's last sentence end …
    let cut = body
        .char_indices()
        .rev()
        .find(|(_, c)| ends_caption_text(*c))
        .map(|(i, c)| i + c.len_utf8());
    let candidates = cut.into_iter().chain(
        // … or at one of the last spaces, for captions without a full stop.
        body.char_indices()
            .rev()
            .filter(|(_, c)| c.is_whitespace())
            .take(6)
            .map(|(i, _)| i)
            .collect::<Vec<_>>()
            .into_iter()
            .rev(),
    );
    for at in candidates {
        let (text, credit) = body.split_at(at);
        let credit = format!("{}{keep_suffix}", credit.trim());
        let text = text.trim_end();
        if !text.is_empty() && is_credit(&credit) {
            return Some((text.to_string(), credit));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str) -> Option<(String, Option<String>)> {
        split_caption(line)
    }

    #[test]
    fn photographer_after_the_text() {
        let (text, credit) = split("工作人员正在调试设备、记录数据。 尹才震摄").unwrap();
        assert_eq!(text, "工作人员正在调试设备、记录数据。");
        assert_eq!(credit.as_deref(), Some("尹才震"));
        let (_, credit) = split("图为工人在生产车间包装药品。 新华社记者 邵瑞摄").unwrap();
        assert_eq!(credit.as_deref(), Some("新华社记者 邵瑞"));
    }

    #[test]
    fn credit_without_full_stop_or_in_brackets() {
        let (text, credit) = split("合肥高新区一角 本报记者 吴长锋摄").unwrap();
        assert_eq!(text, "合肥高新区一角");
        assert_eq!(credit.as_deref(), Some("本报记者 吴长锋"));
        let (text, credit) = split("园区夜景。（新华社记者 李鑫摄）").unwrap();
        assert_eq!(text, "园区夜景。");
        assert_eq!(credit.as_deref(), Some("新华社记者 李鑫"));
        let (_, credit) = split("车间一角。 园区管委会供图").unwrap();
        assert_eq!(credit.as_deref(), Some("园区管委会供图"));
    }

    #[test]
    fn several_people_are_all_credited() {
        let (text, credit) = split("工人在车间检测电芯。 本报记者 张三 通讯员 李四摄").unwrap();
        assert_eq!(text, "工人在车间检测电芯。");
        assert_eq!(credit.as_deref(), Some("本报记者 张三 通讯员 李四"));
        let (text, credit) = split("园区全景 记者 王五、赵六摄").unwrap();
        assert_eq!(text, "园区全景");
        assert_eq!(credit.as_deref(), Some("记者 王五、赵六"));
        assert_eq!(
            credit_only("本报记者 张三 实习生 李四摄").as_deref(),
            Some("本报记者 张三 实习生 李四")
        );
    }

    #[test]
    fn picture_lines_without_credit() {
        assert_eq!(
            split("图为贵阳综合保税区一角。"),
            Some(("图为贵阳综合保税区一角。".into(), None))
        );
    }

    #[test]
    fn paragraphs_are_not_captions() {
        assert_eq!(split("记者近日在现场看到，多家媒体正在进行拍摄"), None);
        assert_eq!(split("该项目由当地企业投资建设。"), None);
        assert_eq!(split("他们正在拍摄"), None);
    }

    #[test]
    fn credit_lines() {
        assert_eq!(credit_only("受访者供图").as_deref(), Some("受访者供图"));
        assert_eq!(
            credit_only("本报记者 张三摄").as_deref(),
            Some("本报记者 张三")
        );
        assert_eq!(credit_only("（资料图片）").as_deref(), Some("资料图片"));
        assert_eq!(credit_only("新华社发").as_deref(), Some("新华社发"));
        assert_eq!(credit_only("他们正在拍摄"), None);
        assert_eq!(credit_only("为园区发展提供了坚实支撑"), None);
    }
}
