//! Whole-screen snapshots of the reader on the built-in collection, driven by keys.

use crate::tui_support::{sample_collection, Harness};
use ratatui::crossterm::event::KeyCode;
use yuanqu::core::collection::Collection;

const SIZES: [(u16, u16); 3] = [(120, 36), (80, 24), (40, 20)];

fn builtin(width: u16, height: u16) -> Harness {
    Harness::new(Collection::builtin(), width, height)
}

#[test]
fn first_screen() {
    for (w, h) in SIZES {
        let mut h_ = builtin(w, h);
        insta::assert_snapshot!(format!("first_screen_{w}x{h}"), h_.screen());
    }
}

#[test]
fn first_screen_shows_every_park_and_the_ganzhou_article() {
    let mut harness = builtin(120, 36);
    let screen = harness.screen();
    for park in [
        "赣州高新区",
        "鄂尔多斯",
        "大同经济技术开发区",
        "沈抚",
        "贵阳综合保税区",
        "西安高新区",
    ] {
        assert!(screen.contains(park), "{park} missing:\n{screen}");
    }
    assert!(screen.contains("赣州高新区打造稀土新材料高地"));
}

#[test]
fn park_jumps() {
    for (w, h) in SIZES {
        let mut harness = builtin(w, h);
        harness.keys("6");
        assert!(harness.screen().contains("西安高新区"));
        insta::assert_snapshot!(format!("park_6_{w}x{h}"), harness.screen());
        harness.keys("2");
        assert!(harness.screen().contains("鄂尔多斯"));
        harness.keys("]");
        let screen = harness.screen();
        assert!(screen.contains("大同"), "{screen}");
        insta::assert_snapshot!(format!("park_2_then_next_{w}x{h}"), screen);
    }
}

#[test]
fn search_lands_on_the_match() {
    for (w, h) in SIZES {
        let mut harness = builtin(w, h);
        harness.keys("/金磁微粒\n");
        let xian = harness
            .app
            .collection
            .parks
            .iter()
            .position(|p| p.name.contains("西安"))
            .unwrap();
        assert_eq!(harness.app.park, xian);
        let screen = harness.screen();
        assert!(screen.contains("金磁微粒"), "{screen}");
        assert!(
            screen.contains("1/1"),
            "match count in the status bar:\n{screen}"
        );
        insta::assert_snapshot!(format!("search_{w}x{h}"), screen);
    }
}

#[test]
fn help_opens_and_closes_back_to_the_same_screen() {
    for (w, h) in SIZES {
        let mut harness = builtin(w, h);
        harness.keys("6");
        let before = harness.screen();
        harness.keys("?");
        let help = harness.screen();
        assert!(help.contains("Help"), "{help}");
        insta::assert_snapshot!(format!("help_{w}x{h}"), help);
        harness.key(KeyCode::Esc);
        assert_eq!(harness.screen(), before);
    }
}

#[test]
fn zoom_shows_the_article_alone() {
    for (w, h) in SIZES {
        let mut harness = builtin(w, h);
        harness.keys("z");
        let screen = harness.screen();
        assert!(!screen.contains("Parks"), "{screen}");
        insta::assert_snapshot!(format!("zoom_{w}x{h}"), screen);
        harness.keys("z");
        assert!(harness.screen().contains("Parks") || w < 50);
    }
}

#[test]
fn highlights_on_a_collection_with_figures() {
    let mut harness = Harness::new(sample_collection(), 120, 36);
    let screen = harness.screen();
    assert!(
        screen.contains("55亿元") && screen.contains("5,500,000,000元"),
        "{screen}"
    );
    insta::assert_snapshot!("sample_first_screen_120x36", screen);
    // To the highlights pane, down to 55亿元, Enter: marked in the text.
    harness.keys("ll");
    harness.keys("j\n");
    insta::assert_snapshot!("sample_figure_marked_120x36", harness.screen());
}

#[test]
fn tiny_and_changing_sizes_never_panic() {
    let mut harness = builtin(120, 36);
    harness.keys("6/金磁\n");
    for w in 0..8 {
        for h in 0..8 {
            harness.resize(w, h);
            // TestBackend cannot print a zero-width screen; drawing is what is tested.
            harness.buffer();
        }
    }
    harness.resize(1, 1);
    assert_eq!(harness.screen(), "t\n");
    harness.resize(19, 5);
    assert!(harness.screen().contains("too small"));
    // A storm of resizes, with keys between them.
    for i in 0..200u16 {
        harness.resize(1 + (i * 37) % 220, 1 + (i * 13) % 70);
        harness.keys(["j", "G", "z", "\t", "?", "\u{1b}", "]", "n"][usize::from(i % 8)]);
        harness.buffer();
    }
    harness.resize(120, 36);
    assert!(harness.screen().contains("Parks"));
}

#[test]
fn panes_fit_the_terminal() {
    for (w, h) in [(100, 30), (99, 30), (200, 50), (80, 24)] {
        let mut harness = builtin(w, h);
        insta::assert_snapshot!(format!("panes_{w}x{h}"), harness.screen());
    }
}
