//! The chart above the results: the current query's articles over time,
//! as bars (视图 › 时间分布图) — per month, or per day when the matches span
//! two months or less. It follows the query as it is typed (counted by the
//! worker, off the UI thread, from one fast field); hovering a bar shows
//! its month or day and count, a click filters the results to it.

use chrono::{Datelike, NaiveDate};
use eframe::egui;
use egui_plot::{Bar, BarChart, Plot};

use crate::ui::app::Command;
use crate::ui::i18n::{Lang, Msg, fill};

/// Bars drawn at most: a century of months.
const MAX_BARS: usize = 1200;

/// Matches spanning at most this many days are drawn day by day.
const DAILY_SPAN_DAYS: i64 = 62;

/// The bars of the chart: `(label, articles)` in time order, with the
/// months or days between that have none as zero bars, so the bars keep
/// time's proportions; the label is also the `date:` filter's value
/// (`2024-06`, `2024-06-28`). Day by day when `days` span at most
/// [`DAILY_SPAN_DAYS`], else month by month.
pub fn bars_of(days: &[(NaiveDate, u64)]) -> (bool, Vec<(String, u64)>) {
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return (false, Vec::new());
    };
    let daily = (last.0 - first.0).num_days() < DAILY_SPAN_DAYS;
    let mut out: Vec<(String, u64)> = Vec::new();
    let mut counts = days.iter().peekable();
    if daily {
        for day in first.0.iter_days().take_while(|d| *d <= last.0) {
            let mut n = 0;
            while let Some((d, c)) = counts.peek()
                && *d <= day
            {
                if *d == day {
                    n += c;
                }
                counts.next();
            }
            out.push((day.format("%Y-%m-%d").to_string(), n));
        }
        return (true, out);
    }
    let (mut y, mut m) = (first.0.year(), first.0.month());
    while (y, m) <= (last.0.year(), last.0.month()) && out.len() < MAX_BARS {
        let mut n = 0;
        while let Some((d, c)) = counts.peek()
            && (d.year(), d.month()) <= (y, m)
        {
            n += c;
            counts.next();
        }
        out.push((format!("{y:04}-{m:02}"), n));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    (false, out)
}

/// Draws the chart of `days` (`None`: not counted yet).
pub fn chart_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    days: Option<&[(NaiveDate, u64)]>,
    commands: &mut Vec<Command>,
) {
    let Some(days) = days else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.weak(lang.tr(Msg::ChartCounting));
        });
        return;
    };
    let (daily, months) = bars_of(days);
    if months.is_empty() {
        ui.weak(lang.tr(Msg::ChartEmpty));
        return;
    }
    let total: u64 = months.iter().map(|(_, n)| n).sum();
    ui.horizontal(|ui| {
        ui.strong(lang.tr(if daily {
            Msg::ChartTitleDaily
        } else {
            Msg::ChartTitle
        }));
        ui.weak(fill(
            lang.tr(Msg::ChartSummary),
            &[
                ("n", &total),
                ("from", &months[0].0),
                ("to", &months[months.len() - 1].0),
            ],
        ));
    });
    let bars: Vec<Bar> = months
        .iter()
        .enumerate()
        .map(|(i, (month, n))| Bar::new(i as f64, *n as f64).name(month).width(0.8))
        .collect();
    let articles = lang.tr(Msg::ChartArticles).to_string();
    let chart = BarChart::new("months", bars)
        .color(egui::Color32::from_rgb(70, 130, 180))
        .element_formatter(Box::new(move |bar, _| {
            format!("{}\n{} {}", bar.name, bar.value, articles)
        }));
    let labels: Vec<String> = months.iter().map(|(m, _)| m.clone()).collect();
    let height = ui.available_height().clamp(60.0, 160.0);
    let plot = Plot::new("timeline_chart")
        // A fixed id: the tests find the bars through the plot's memory.
        .id(egui::Id::unique("timeline_chart"))
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .include_y(0.0)
        .y_axis_min_width(24.0)
        .x_axis_formatter(move |mark, _range| {
            let i = mark.value.round();
            if (mark.value - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            labels.get(i as usize).cloned().unwrap_or_default()
        })
        .show(ui, |plot| {
            plot.bar_chart(chart);
            plot.pointer_coordinate()
        });
    if plot.response.clicked()
        && let Some(at) = plot.inner
    {
        let i = at.x.round();
        if i >= 0.0
            && let Some((month, n)) = months.get(i as usize)
            && *n > 0
        {
            commands.push(Command::FilterDate(month.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn months_without_articles_are_zero_bars_between_the_first_and_last() {
        let days = vec![
            (day("2023-11-02"), 3),
            (day("2023-11-20"), 1),
            (day("2024-02-01"), 7),
            (day("2024-03-31"), 1),
        ];
        let (daily, bars) = bars_of(&days);
        assert!(!daily);
        let names: Vec<&str> = bars.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(
            names,
            ["2023-11", "2023-12", "2024-01", "2024-02", "2024-03"]
        );
        let counts: Vec<u64> = bars.iter().map(|(_, n)| *n).collect();
        assert_eq!(counts, [4, 0, 0, 7, 1]);
        assert!(bars_of(&[]).1.is_empty());
    }

    #[test]
    fn a_month_of_matches_is_drawn_day_by_day() {
        let days = vec![(day("1998-01-01"), 5), (day("1998-01-03"), 2)];
        let (daily, bars) = bars_of(&days);
        assert!(daily);
        assert_eq!(
            bars,
            vec![
                ("1998-01-01".to_string(), 5),
                ("1998-01-02".to_string(), 0),
                ("1998-01-03".to_string(), 2)
            ]
        );
    }
}
