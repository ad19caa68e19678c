//! Reaching any park by its number. With nine parks or fewer a digit key jumps at once.
//! With more, digits gather into a number shown as "go to park 2_", which goes as soon
//! as no longer number could follow (with 15 parks: `2` goes to park 2 at once, `1`
//! waits, `1` `3` goes to 13), or on `Enter`, or after a pause of [`PAUSE`].
//! `Backspace` takes back a digit and `Esc` drops the number; any other key goes to the
//! number typed and then does what it always does (`4` `n`: park 4, then the next match).

use std::time::{Duration, Instant};

/// How long a number that could still grow waits for its next digit (vim waits 1 s).
pub const PAUSE: Duration = Duration::from_millis(1000);

/// Digits typed so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParkNumber {
    pub digits: String,
    /// When the last digit came; the event loop completes the number after [`PAUSE`].
    pub since: Instant,
}

/// What the digits typed so far ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Go to this park (1-based) now.
    Go(usize),
    /// Another digit could still make a different park's number.
    Wait,
    /// No park has this number, nor any longer one beginning with it.
    Nothing,
}

impl ParkNumber {
    pub fn new(digit: u8) -> ParkNumber {
        ParkNumber {
            digits: digit.to_string(),
            since: Instant::now(),
        }
    }

    pub fn push(&mut self, digit: u8) {
        self.digits.push(char::from(b'0' + digit.min(9)));
        self.since = Instant::now();
    }

    /// The number typed, if it is one.
    pub fn number(&self) -> Option<usize> {
        self.digits.parse().ok()
    }

    /// Decide, with `parks` parks numbered 1 to `parks`.
    pub fn outcome(&self, parks: usize) -> Outcome {
        let Some(number) = self.number() else {
            return Outcome::Nothing;
        };
        let could_grow = number
            .checked_mul(10)
            .is_some_and(|longer| longer != 0 && longer <= parks);
        if could_grow {
            Outcome::Wait
        } else if (1..=parks).contains(&number) {
            Outcome::Go(number)
        } else {
            Outcome::Nothing
        }
    }

    /// On Enter or after the pause: the number as typed, if a park has it.
    pub fn complete(&self, parks: usize) -> Option<usize> {
        self.number().filter(|n| (1..=parks).contains(n))
    }

    pub fn is_due(&self, now: Instant) -> bool {
        now.saturating_duration_since(self.since) >= PAUSE
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::modes::park_number::*;

    fn typed(digits: &str) -> ParkNumber {
        let mut chars = digits.bytes().map(|b| b - b'0');
        let mut number = ParkNumber::new(chars.next().unwrap_or(0));
        for d in chars {
            number.push(d);
        }
        number
    }

    #[test]
    fn a_number_goes_as_soon_as_nothing_longer_could_follow() {
        assert_eq!(typed("2").outcome(15), Outcome::Go(2));
        assert_eq!(typed("1").outcome(15), Outcome::Wait);
        assert_eq!(typed("13").outcome(15), Outcome::Go(13));
        assert_eq!(typed("16").outcome(15), Outcome::Nothing);
        assert_eq!(typed("10").outcome(100), Outcome::Wait);
        assert_eq!(typed("100").outcome(100), Outcome::Go(100));
        assert_eq!(typed("12").outcome(1234), Outcome::Wait);
        assert_eq!(typed("123").outcome(1234), Outcome::Wait);
        assert_eq!(typed("124").outcome(1234), Outcome::Go(124));
        assert_eq!(typed("0").outcome(50), Outcome::Nothing);
    }

    #[test]
    fn enter_or_the_pause_takes_the_number_as_typed() {
        assert_eq!(typed("1").complete(15), Some(1));
        assert_eq!(typed("12").complete(1234), Some(12));
        assert_eq!(typed("99").complete(15), None);
        assert_eq!(typed("0").complete(15), None);
    }

    #[test]
    fn the_pause_is_measured_from_the_last_digit() {
        let number = typed("1");
        assert!(!number.is_due(number.since));
        assert!(number.is_due(number.since + PAUSE));
    }
}
