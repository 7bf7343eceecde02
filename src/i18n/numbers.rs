//! Numbers, money, percentages and dates as each language writes them. Separators, the
//! decimal mark and the minus sign come from CLDR through `num-format` (Finnish and Swedish
//! group with a no-break space and use the minus sign U+2212).

use chrono::NaiveDate;
use num_format::{Locale as Cldr, ToFormattedString};

use crate::domain::Lang;

/// The number and date forms of one language.
pub struct Numbers {
    lang: Lang,
    cldr: Cldr,
}

impl Numbers {
    pub fn new(lang: Lang) -> Numbers {
        let cldr = match lang {
            Lang::En => Cldr::en,
            Lang::Fi => Cldr::fi,
            Lang::Sv => Cldr::sv,
        };
        Numbers { lang, cldr }
    }

    /// A whole number with the language's grouping: `19,630`, `19 630`.
    pub fn int(&self, n: i64) -> String {
        n.to_formatted_string(&self.cldr)
    }

    /// A number with `places` decimals: `4.17`, `4,17`; whole numbers keep their decimals.
    pub fn decimal(&self, x: f64, places: usize) -> String {
        if !x.is_finite() {
            return "–".to_string();
        }
        let text = format!("{:.places$}", x.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        // Beyond u64 a figure is no longer a count anyone reads digit by digit.
        let whole = whole
            .parse::<u64>()
            .map_or_else(|_| whole.to_string(), |w| w.to_formatted_string(&self.cldr));
        let mut out = String::new();
        let is_zero = text.chars().all(|c| c == '0' || c == '.');
        if x < 0.0 && !is_zero {
            out.push_str(self.cldr.minus_sign());
        }
        out.push_str(&whole);
        if !fraction.is_empty() {
            out.push_str(self.cldr.decimal());
            out.push_str(fraction);
        }
        out
    }

    /// A number as short as it can be: whole numbers without decimals, others with up to
    /// two (`3,4`, `10 400`).
    pub fn plain(&self, x: f64) -> String {
        if x.is_finite() && x.fract() == 0.0 && x.abs() < 9.0e15 {
            return self.int(x as i64);
        }
        let text = self.decimal(x, 2);
        let mark = self.cldr.decimal();
        match text.rsplit_once(mark) {
            Some((whole, fraction)) => match fraction.trim_end_matches('0') {
                "" => whole.to_string(),
                fraction => format!("{whole}{mark}{fraction}"),
            },
            None => text,
        }
    }

    /// An amount of money: `€19,630.88` in English, `19 630,88 €` in Finnish and Swedish.
    pub fn money(&self, x: f64, currency: &str) -> String {
        let amount = self.decimal(x, 2);
        let symbol = match currency.to_ascii_uppercase().as_str() {
            "EUR" => "€".to_string(),
            "USD" => "$".to_string(),
            "GBP" => "£".to_string(),
            "SEK" | "NOK" | "DKK" if self.lang != Lang::En => "kr".to_string(),
            other => other.to_string(),
        };
        let symbol_first = self.lang == Lang::En && symbol.chars().count() == 1;
        match (symbol_first, amount.strip_prefix(self.cldr.minus_sign())) {
            (true, Some(positive)) => format!("{}{symbol}{positive}", self.cldr.minus_sign()),
            (true, None) => format!("{symbol}{amount}"),
            (false, _) if self.lang == Lang::En => format!("{symbol} {amount}"),
            (false, _) => format!("{amount}\u{a0}{symbol}"),
        }
    }

    /// A percentage with one decimal at most: `12.5%`, `12,5 %`, `100 %`.
    pub fn percent(&self, x: f64) -> String {
        let rounded = (x * 10.0).round() / 10.0;
        let number = self.plain(rounded);
        match self.lang {
            Lang::En => format!("{number}%"),
            Lang::Fi | Lang::Sv => format!("{number}\u{a0}%"),
        }
    }

    /// A change with its sign: `+12`, `−3`, `0`.
    pub fn change(&self, n: i64) -> String {
        if n > 0 {
            format!("+{}", self.int(n))
        } else {
            self.int(n)
        }
    }

    /// A change of a measured value with its sign, as short as it can be: `+0,4`, `−1 500`.
    pub fn change_plain(&self, x: f64) -> String {
        let text = self.plain(x);
        if x > 0.0 && text != self.plain(0.0) {
            format!("+{text}")
        } else {
            text
        }
    }

    /// A change relative to a base, as a signed percentage (`+14,4 %`); none from zero.
    pub fn change_percent(&self, now: f64, before: f64) -> Option<String> {
        if before == 0.0 || !now.is_finite() || !before.is_finite() {
            return None;
        }
        let change = (now - before) / before.abs() * 100.0;
        let text = self.percent(change);
        Some(if (change * 10.0).round() > 0.0 {
            format!("+{text}")
        } else {
            text
        })
    }

    /// A date: `1 Oct 2022` in English, `1.10.2022` in Finnish and Swedish.
    pub fn date(&self, date: NaiveDate) -> String {
        match self.lang {
            Lang::En => date.format("%-d %b %Y").to_string(),
            Lang::Fi | Lang::Sv => date.format("%-d.%-m.%Y").to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NBSP: &str = "\u{a0}";
    const MINUS: &str = "\u{2212}";

    fn fi() -> Numbers {
        Numbers::new(Lang::Fi)
    }

    fn en() -> Numbers {
        Numbers::new(Lang::En)
    }

    #[test]
    fn money_in_each_language() {
        assert_eq!(
            fi().money(19630.88, "EUR"),
            format!("19{NBSP}630,88{NBSP}€")
        );
        assert_eq!(
            Numbers::new(Lang::Sv).money(19630.88, "EUR"),
            format!("19{NBSP}630,88{NBSP}€")
        );
        assert_eq!(en().money(19630.88, "EUR"), "€19,630.88");
        assert_eq!(en().money(-5.5, "EUR"), "-€5.50");
        assert_eq!(fi().money(-5.5, "EUR"), format!("{MINUS}5,50{NBSP}€"));
        assert_eq!(en().money(0.0, "EUR"), "€0.00");
        assert_eq!(fi().money(0.0, "EUR"), format!("0,00{NBSP}€"));
        assert_eq!(en().money(12.0, "SEK"), "SEK 12.00");
        assert_eq!(fi().money(12.0, "SEK"), format!("12,00{NBSP}kr"));
    }

    #[test]
    fn whole_numbers_and_decimals() {
        assert_eq!(fi().int(1_234_567), format!("1{NBSP}234{NBSP}567"));
        assert_eq!(en().int(1_234_567), "1,234,567");
        assert_eq!(fi().int(-1500), format!("{MINUS}1{NBSP}500"));
        assert_eq!(en().int(-1500), "-1,500");
        assert_eq!(fi().int(0), "0");
        assert_eq!(fi().decimal(4.166, 2), "4,17");
        assert_eq!(en().decimal(4.166, 2), "4.17");
        assert_eq!(
            fi().decimal(-0.001, 2),
            "0,00",
            "no minus on a rounded zero"
        );
        assert_eq!(fi().plain(10400.0), format!("10{NBSP}400"));
        assert_eq!(fi().plain(3.4), "3,4");
        assert_eq!(en().plain(3.45), "3.45");
        assert_eq!(fi().decimal(f64::NAN, 2), "–");
        assert!(fi().decimal(1e300, 0).len() > 10, "no panic on huge values");
    }

    #[test]
    fn percentages_and_changes_with_their_signs() {
        assert_eq!(fi().percent(12.5), format!("12,5{NBSP}%"));
        assert_eq!(Numbers::new(Lang::Sv).percent(12.5), format!("12,5{NBSP}%"));
        assert_eq!(en().percent(12.5), "12.5%");
        assert_eq!(fi().percent(100.0), format!("100{NBSP}%"));
        assert_eq!(en().percent(0.0), "0%");
        assert_eq!(fi().change(12), "+12");
        assert_eq!(fi().change(-3), format!("{MINUS}3"));
        assert_eq!(en().change(-3), "-3");
        assert_eq!(en().change(0), "0");
        assert_eq!(fi().change_plain(0.4), "+0,4");
        assert_eq!(fi().change_plain(-1500.0), format!("{MINUS}1{NBSP}500"));
        assert_eq!(en().change_plain(0.0), "0");
        assert_eq!(
            fi().change_percent(11900.0, 10400.0),
            Some(format!("+14,4{NBSP}%"))
        );
        assert_eq!(en().change_percent(90.0, 100.0), Some("-10%".to_string()));
        assert_eq!(en().change_percent(5.0, 5.0), Some("0%".to_string()));
        assert_eq!(en().change_percent(5.0, 0.0), None);
    }

    #[test]
    fn dates_in_each_language() {
        let date = NaiveDate::from_ymd_opt(2022, 10, 1).unwrap();
        assert_eq!(fi().date(date), "1.10.2022");
        assert_eq!(Numbers::new(Lang::Sv).date(date), "1.10.2022");
        assert_eq!(en().date(date), "1 Oct 2022");
    }
}
