//! Hand-written pages, one per failure class seen on sites the extractor had never met: each
//! page is built the way such sites build theirs, and the test states the text expected.

use dyad_core::SectionKind;
use dyad_ingest::{article_from_html, body_text, Given};

fn doc(page: &str) -> dyad_core::Document {
    article_from_html(page.as_bytes(), "page.html", &Given::default()).expect("page has text").document
}

fn sections(doc: &dyad_core::Document, kind: SectionKind) -> Vec<String> {
    doc.sections.iter().filter(|s| s.kind == kind).map(|s| doc.span_text(s.span).to_string()).collect()
}

/// A blog post written as lines between `<br>`s beats a column of `<p>` teasers: each line
/// scores as a paragraph (as one block, the post scored less than the teasers).
#[test]
fn a_post_of_br_separated_lines_beats_the_sidebar() {
    let lines = [
        "The river rose again overnight, and by morning the lower town was under water.",
        "Volunteers filled sandbags at the church hall, while the council opened the school as a shelter.",
        "By noon the water had reached the market square, where stalls stood half submerged.",
        "Residents said the warnings came late, and that the pumps, bought last year, had failed.",
        "The mayor visited the shelter in the afternoon and promised an inquiry into the pumps.",
        "Farmers upstream said their fields had flooded twice this year, the worst they remember.",
        "The weather service expects more rain on Thursday, though less than fell this week.",
        "Schools in the lower town will stay closed until the water has gone down.",
    ];
    let teaser =
        "<p><a href=\"/older\">An older post</a> from this blog, with a summary line and more here.</p>";
    let page = format!(
        "<html><body><div class=\"wrap\"><div class=\"pc\">{}</div>\
         <div class=\"col\">{}</div></div></body></html>",
        lines.join("<br><br>\n"),
        teaser.repeat(6)
    );
    let d = doc(&page);
    // The post is the story and comes first, line by line. (The teaser column beside it is
    // still joined as a scoring sibling: a known gap.)
    let body = body_text(&d);
    assert!(body.starts_with(&lines.join("\n\n")), "{body}");
}

/// A short post followed by a longer comment thread (named only by schema.org and by its
/// "Reply" links): the thread is not the story.
#[test]
fn a_short_post_keeps_its_text_not_its_comments() {
    let story = "The library will close for repairs from Monday, the town said, and reopen in May.";
    let comment = |who: &str| {
        format!(
            "<div class=\"c\"><b>{who}</b><p>I have used this library for years, and I think the repairs, \
             long overdue, will be worth the wait, though the timing is poor for students.</p>\
             <a href=\"#r\">Reply</a></div>"
        )
    };
    let thread: String = ["Ann", "Bo", "Cy", "Di", "Ed"].iter().map(|w| comment(w)).collect();
    let page = format!(
        "<html><body><div class=\"main\"><h1>Library to close</h1><p>{story}</p></div>\
         <div class=\"thread\">{thread}</div>\
         <ol><li itemscope itemtype=\"https://schema.org/Comment\"><p>{}</p></li></ol></body></html>",
        "A second kind of comment, marked by its schema.org type, saying a great deal, at length, again."
    );
    let d = doc(&page);
    assert_eq!(body_text(&d), story);
}

/// A gallery's slides and a figure's text are captions, not body.
#[test]
fn gallery_slides_and_figures_are_captions() {
    let p1 = "The festival opened on Friday with a parade through the old town, watched by thousands.";
    let p2 = "Organisers said more than forty bands would play over the weekend, a record for the event.";
    let page = format!(
        "<html><body><article><p>{p1}</p>\
         <div class=\"photo-gallery\"><div><img src=a.jpg><p>Drummers lead the parade past the town hall on Friday evening.</p></div>\
         <div><img src=b.jpg><p>Crowds gather in the square to watch the opening night, despite the rain.</p></div></div>\
         <figure><img src=c.jpg><p>The main stage, built in a week by volunteers.</p></figure>\
         <p>{p2}</p></article></body></html>"
    );
    let d = doc(&page);
    assert_eq!(body_text(&d), format!("{p1}\n\n{p2}"));
    assert_eq!(
        sections(&d, SectionKind::Caption).join("\n\n"),
        "Drummers lead the parade past the town hall on Friday evening.\n\n\
         Crowds gather in the square to watch the opening night, despite the rain.\n\n\
         The main stage, built in a week by volunteers."
    );
}

/// A documentation page's menu inside the content column, laid out with lots of whitespace
/// between its links, is dropped as navigation.
#[test]
fn an_indented_link_menu_in_the_content_is_navigation() {
    let p1 =
        "To install the tool, download the archive for your system and unpack it in a folder of your choice.";
    let p2 =
        "Then add that folder to your path, open a new terminal, and run the tool once to check it works.";
    let item = |t: &str| format!("<li>\n                <a href=\"/{t}\">{t}</a>\n            </li>\n");
    let menu: String = ["Overview", "Install", "Usage", "Reference", "FAQ"].iter().map(|t| item(t)).collect();
    let page = format!(
        "<html><body><div class=\"content\"><ul class=\"toc\">{menu}</ul><p>{p1}</p><p>{p2}</p></div></body></html>"
    );
    assert_eq!(body_text(&doc(&page)), format!("{p1}\n\n{p2}"));
}

/// Title from agreement and the published date over the modified one, through the whole
/// HTML path into the document's metadata.
#[test]
fn title_and_published_date_reach_the_document() {
    let page = r#"<html><head><title>Port strike ends after six days - Business - The Ledger</title>
        <meta property="article:modified_time" content="2022-05-09T10:00:00Z">
        <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-05-06T08:00:00Z","dateModified":"2022-05-09"}</script>
        </head><body><div class="section-name"><h1>Business</h1></div>
        <h2>Port strike ends after six days</h2>
        <article><p>Dock workers returned on Friday after the union accepted a pay offer, ending a six-day strike.</p></article>
        </body></html>"#;
    let d = doc(page);
    assert_eq!(d.meta.title.as_deref(), Some("Port strike ends after six days"));
    let date = d.meta.date.as_ref().unwrap();
    assert_eq!((date.date.to_string().as_str(), date.source.as_str()), ("2022-05-06", "json-ld"));
}
