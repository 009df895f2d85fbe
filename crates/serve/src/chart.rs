//! Charts as inline SVG, drawn here: the relation series (bars stacked by QuadClass and the
//! mean Goldstein line) and the network of countries (a circle layout).

use crate::html::esc;
use crate::labels;
use dyad_store::browse::Edge;
use dyad_store::RelationRow;
use std::fmt::Write as _;

/// Colours of QuadClass 1-4: verbal and material cooperation, verbal and material conflict.
pub(crate) const QUAD_COLOURS: [&str; 4] = ["#7fb8e0", "#1f6fb2", "#f0a35e", "#c0392b"];
/// Names of QuadClass 1-4.
pub(crate) const QUAD_NAMES: [&str; 4] =
    ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

/// The relation chart; each period's bar is a link to `href(period)` (its events).
pub(crate) fn relation(rows: &[RelationRow], href: impl Fn(&str) -> String) -> String {
    let (w, h, left, right, top, bottom) = (860.0f64, 300.0f64, 44.0, 44.0, 16.0, 56.0);
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let max = rows.iter().map(|r| r.total()).max().unwrap_or(1).max(1) as f64;
    let n = rows.len().max(1) as f64;
    let slot = plot_w / n;
    let bar = (slot * 0.7).clamp(2.0, 60.0);
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\" \
         aria-label=\"Events per period by QuadClass, with the mean Goldstein score\">"
    );
    // Axes: counts on the left, Goldstein (-10..10) on the right, zero line dashed.
    let _ = write!(
        s,
        "<line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" class=\"axis\"/>",
        top + plot_h,
        w - right,
        top + plot_h
    );
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" class=\"tick\" text-anchor=\"end\">{}</text>",
        left - 4.0,
        top + 4.0,
        max as u32
    );
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" class=\"tick\" text-anchor=\"end\">0</text>",
        left - 4.0,
        top + plot_h
    );
    let gy = |g: f64| top + plot_h * (10.0 - g.clamp(-10.0, 10.0)) / 20.0;
    let _ = write!(
        s,
        "<line x1=\"{left}\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" class=\"zero\"/>",
        gy(0.0),
        w - right
    );
    for g in [-10.0, 0.0, 10.0] {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" class=\"tick gold\">{:+}</text>",
            w - right + 4.0,
            gy(g) + 4.0,
            g
        );
    }
    let label_every = (rows.len() / 12).max(1);
    let mut line = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let cx = left + slot * (i as f64 + 0.5);
        let x = cx - bar / 2.0;
        let title = format!(
            "{}: {} events ({} verbal coop, {} material coop, {} verbal conflict, {} material conflict), mean Goldstein {:+.1}",
            r.period, r.total(), r.quad[0], r.quad[1], r.quad[2], r.quad[3], r.mean_goldstein
        );
        let _ = write!(
            s,
            "<a href=\"{}\" class=\"point\" data-period=\"{}\" data-events=\"{}\"><title>{}</title>",
            esc(&href(&r.period)),
            esc(&r.period),
            r.total(),
            esc(&title)
        );
        // A transparent slot-wide target makes thin bars easy to click.
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{top}\" width=\"{slot}\" height=\"{plot_h}\" class=\"hit\"/>",
            left + slot * i as f64
        );
        let mut y = top + plot_h;
        for (q, count) in r.quad.iter().enumerate() {
            if *count == 0 {
                continue;
            }
            let bh = plot_h * *count as f64 / max;
            y -= bh;
            let _ = write!(
                s,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{bh:.1}\" fill=\"{}\"/>",
                QUAD_COLOURS[q]
            );
        }
        s.push_str("</a>");
        line.push((cx, gy(r.mean_goldstein)));
        if i % label_every == 0 {
            let _ = write!(
                s,
                "<text x=\"{cx:.1}\" y=\"{}\" class=\"tick\" text-anchor=\"middle\">{}</text>",
                top + plot_h + 16.0,
                esc(&r.period)
            );
        }
    }
    if !line.is_empty() {
        let pts: Vec<String> = line.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let _ = write!(s, "<polyline points=\"{}\" class=\"gold-line\"/>", pts.join(" "));
        for (x, y) in &line {
            let _ = write!(s, "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\" class=\"gold-dot\"/>");
        }
    }
    // Legend.
    let mut lx = left;
    let ly = h - 14.0;
    for q in 0..4 {
        let _ = write!(
            s,
            "<rect x=\"{lx}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/>",
            ly - 9.0,
            QUAD_COLOURS[q]
        );
        let _ = write!(s, "<text x=\"{}\" y=\"{ly}\" class=\"tick\">{}</text>", lx + 14.0, QUAD_NAMES[q]);
        lx += 150.0;
    }
    let _ = write!(
        s,
        "<line x1=\"{lx}\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" class=\"gold-line\"/>",
        ly - 4.0,
        lx + 16.0
    );
    let _ = write!(s, "<text x=\"{}\" y=\"{ly}\" class=\"tick\">mean Goldstein</text>", lx + 20.0);
    s.push_str("</svg>");
    s
}

/// The network of countries: nodes on a circle (sized by volume, linking to their events),
/// directed edges by volume (width) and tone (colour: blue cooperative, red conflictual).
pub(crate) fn network(
    edges: &[Edge],
    href: impl Fn(&str) -> String,
    edge_href: impl Fn(&Edge) -> String,
) -> String {
    let mut volume: std::collections::BTreeMap<&str, u64> = Default::default();
    for e in edges {
        *volume.entry(&e.source).or_default() += e.events;
        *volume.entry(&e.target).or_default() += e.events;
    }
    let mut nodes: Vec<(&str, u64)> = volume.into_iter().collect();
    nodes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let (w, h) = (760.0f64, 640.0f64);
    let (cx, cy, radius) = (w / 2.0, h / 2.0, 250.0);
    let n = nodes.len().max(1) as f64;
    let pos: std::collections::HashMap<&str, (f64, f64)> = nodes
        .iter()
        .enumerate()
        .map(|(i, (c, _))| {
            let a = std::f64::consts::TAU * i as f64 / n - std::f64::consts::FRAC_PI_2;
            (*c, (cx + radius * a.cos(), cy + radius * a.sin()))
        })
        .collect();
    let max_edge = edges.iter().map(|e| e.events).max().unwrap_or(1).max(1) as f64;
    let max_node = nodes.iter().map(|n| n.1).max().unwrap_or(1).max(1) as f64;
    let mut s = format!(
        "<svg class=\"network\" viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\" aria-label=\"Countries and the events between them\">\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" orient=\"auto-start-reverse\">\
         <path d=\"M0,0 L10,5 L0,10 z\" fill=\"#666\"/></marker></defs>"
    );
    for e in edges {
        let (Some(&(x1, y1)), Some(&(x2, y2))) = (pos.get(e.source.as_str()), pos.get(e.target.as_str()))
        else {
            continue;
        };
        // Bend each direction to its own side so A→B and B→A do not overlap.
        let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
        let (dx, dy) = (x2 - x1, y2 - y1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (qx, qy) = (mx - dy / len * 24.0, my + dx / len * 24.0);
        let width = 1.0 + 7.0 * (e.events as f64).sqrt() / max_edge.sqrt();
        let colour = tone_colour(e.goldstein_mean);
        let _ = write!(
            s,
            "<a href=\"{}\" class=\"edge\" data-source=\"{}\" data-target=\"{}\"><title>{} → {}: {} events, mean Goldstein {:+.1}</title>\
             <path d=\"M{x1:.1},{y1:.1} Q{qx:.1},{qy:.1} {x2:.1},{y2:.1}\" stroke=\"{colour}\" stroke-width=\"{width:.1}\" fill=\"none\" marker-end=\"url(#arrow)\" opacity=\"0.8\"/></a>",
            esc(&edge_href(e)),
            esc(&e.source),
            esc(&e.target),
            esc(&labels::actor_name(&e.source, &e.source)),
            esc(&labels::actor_name(&e.target, &e.target)),
            e.events,
            e.goldstein_mean
        );
    }
    for (code, count) in &nodes {
        let (x, y) = pos[code];
        let r = 6.0 + 14.0 * (*count as f64).sqrt() / max_node.sqrt();
        let name = labels::actor_name(code, code);
        let (tx, anchor) = if x < cx - 1.0 { (x - r - 4.0, "end") } else { (x + r + 4.0, "start") };
        let _ = write!(
            s,
            "<a href=\"{}\" class=\"node\" data-code=\"{}\"><title>{}: {} events</title>\
             <circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\"/>\
             <text x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text></a>",
            esc(&href(code)),
            esc(code),
            esc(&name),
            count,
            y + 4.0,
            esc(&name)
        );
    }
    s.push_str("</svg>");
    s
}

/// Blue for cooperation, grey for neutral, red for conflict, by mean Goldstein score.
fn tone_colour(g: f64) -> String {
    let t = (g / 10.0).clamp(-1.0, 1.0);
    let (r, gr, b) = if t >= 0.0 {
        (150.0 - 120.0 * t, 150.0 - 40.0 * t, 150.0 + 80.0 * t)
    } else {
        (150.0 + 80.0 * -t, 150.0 - 100.0 * -t, 150.0 - 110.0 * -t)
    };
    format!("rgb({},{},{})", r as u8, gr as u8, b as u8)
}
