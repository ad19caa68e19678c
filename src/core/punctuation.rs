//! The punctuation sets the core reads, in one place: where a sentence ends, which
//! marks close or open a quotation or bracket, and which are pauses. Figures take
//! their context sentence from these, the page parser its paragraph ends, captions
//! the end of their text and layout its row-start and row-end prohibitions.

/// Marks that end a sentence: 。！？ with their half-width, small and ASCII kin.
/// The ASCII full stop is not here: after a digit it is a decimal point.
pub fn is_full_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡' | '﹒' | '﹖' | '﹗' | '!' | '?')
}

/// Marks that end a sentence or a clause standing as one: full stops and semicolons.
pub fn ends_sentence(c: char) -> bool {
    is_full_stop(c) || matches!(c, '；' | '﹔' | ';')
}

/// Pause marks inside a sentence: ，、：； with their kin.
pub fn is_pause_mark(c: char) -> bool {
    matches!(
        c,
        '，' | '、' | '；' | '：' | '､' | '﹐' | '﹑' | '﹔' | '﹕' | ',' | ';' | ':'
    )
}

/// Closing quotes and brackets: ”’）》」』】 … and ASCII ) ] }.
pub fn is_closing_mark(c: char) -> bool {
    matches!(
        c,
        '”' | '’'
            | '）'
            | '》'
            | '」'
            | '』'
            | '〉'
            | '】'
            | '〕'
            | '〗'
            | '〙'
            | '〛'
            | '］'
            | '｝'
            | '｠'
            | '｣'
            | '﹚'
            | '﹜'
            | '﹞'
            | ')'
            | ']'
            | '}'
    )
}

/// Opening quotes and brackets: “‘（《「『【 … and ASCII ( [ {.
pub fn is_opening_mark(c: char) -> bool {
    matches!(
        c,
        '“' | '‘'
            | '（'
            | '《'
            | '「'
            | '『'
            | '〈'
            | '【'
            | '〔'
            | '〖'
            | '〘'
            | '〚'
            | '［'
            | '｛'
            | '｟'
            | '｢'
            | '﹙'
            | '﹛'
            | '﹝'
            | '('
            | '['
            | '{'
    )
}

/// " and ': open or close, so only what stands around them says which; after a
/// full stop they close the sentence.
pub fn is_straight_quote(c: char) -> bool {
    matches!(c, '"' | '\'')
}

/// Marks that may follow a sentence's full stop and still belong to it (。” 。）).
pub fn closes_sentence(c: char) -> bool {
    is_closing_mark(c) || is_straight_quote(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_do_not_overlap_where_they_must_not() {
        for c in "。！？；，、：”’）》」』“‘（《「『\"'()[]{}".chars() {
            assert!(
                !(is_closing_mark(c) && is_opening_mark(c)),
                "{c} both opens and closes"
            );
            assert!(!(is_full_stop(c) && is_pause_mark(c)), "{c}");
        }
    }

    #[test]
    fn sentence_ends_and_closers() {
        assert!("。！？!?".chars().all(ends_sentence));
        assert!("；;".chars().all(ends_sentence));
        assert!(!"，、：.".chars().any(ends_sentence));
        assert!("”’」』）)》\"'】".chars().all(closes_sentence));
        assert!(!"“（《".chars().any(closes_sentence));
    }
}
