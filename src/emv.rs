//! Estimated earned media value: what the posts would have cost as ads, by the configured
//! rates. Pure arithmetic; always shown with its rates and marked an estimate.

use serde::Serialize;

use crate::config::EmvRates;
use crate::domain::ChannelFigures;

/// One channel's figures, the rates used, and the estimate.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EmvRow {
    pub channel: String,
    pub impressions: i64,
    pub clicks: i64,
    pub engagements: i64,
    pub cpm: f64,
    pub cpc: f64,
    pub engagement: f64,
    pub value: f64,
}

fn cents(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Σ channels (impressions / 1000 × cpm + clicks × cpc + engagements × engagement value).
/// A channel without configured rates is valued at 0 (its rates show as 0).
pub fn estimate(rates: &EmvRates, figures: &[ChannelFigures]) -> (Vec<EmvRow>, f64) {
    let rows: Vec<EmvRow> = figures
        .iter()
        .map(|f| {
            let rate = rates.channels.get(&f.channel).copied();
            let (cpm, cpc, engagement) =
                rate.map_or((0.0, 0.0, 0.0), |r| (r.cpm, r.cpc, r.engagement));
            let value = f.impressions as f64 / 1000.0 * cpm
                + f.clicks as f64 * cpc
                + f.engagements as f64 * engagement;
            EmvRow {
                channel: f.channel.clone(),
                impressions: f.impressions,
                clicks: f.clicks,
                engagements: f.engagements,
                cpm,
                cpc,
                engagement,
                value: cents(value),
            }
        })
        .collect();
    let total = cents(rows.iter().map(|r| r.value).sum());
    (rows, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_formula_with_its_rates() {
        let rates = EmvRates::default();
        let figures = vec![
            ChannelFigures {
                channel: "linkedin".into(),
                impressions: 12_000,
                clicks: 10,
                engagements: 50,
            },
            ChannelFigures {
                channel: "mastodon".into(),
                impressions: 500,
                clicks: 1,
                engagements: 3,
            },
        ];
        let (rows, total) = estimate(&rates, &figures);
        // 12 × 30 + 10 × 5 + 50 × 1 = 460; Mastodon has no rates: 0.
        assert_eq!(rows[0].value, 460.0);
        assert_eq!(rows[0].cpm, 30.0);
        assert_eq!(rows[1].value, 0.0);
        assert_eq!(total, 460.0);
    }
}
