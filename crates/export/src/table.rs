//! The tables and formats ([`Table`], [`Format`]) and the column model every writer reads
//! ([`Column`], [`Kind`], [`Value`], [`FieldType`], [`Record`]). The row types that are the
//! tables' columns are declared in [`crate::rows`].

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};

use crate::Error;

/// A closed set of names: each variant with its one string, `ALL`, `as_str`, `Display`, and
/// `FromStr` (an unknown name is the given error).
macro_rules! names {
    (
        $(#[$m:meta])* $name:ident, $err:ident, $what:literal {
            $( $(#[$vm:meta])* $v:ident = $s:literal, )*
        }
    ) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vm])* $v, )*
        }

        impl $name {
            /// Every value, in the order of the documentation.
            pub const ALL: &'static [$name] = &[$($name::$v,)*];

            #[doc = concat!("The name, as `", $what, "` takes it.")]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$v => $s,)*
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<$name, Error> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|t| t.as_str() == s)
                    .ok_or_else(|| Error::$err(s.to_string()))
            }
        }
    };
}

names! {
    /// The tables `khabar export` writes: one row per article, or per entity mention, event,
    /// quotation, number or date of the articles' readings. Its columns: [`Table::columns`].
    Table, UnknownTable, "--table" {
        Articles = "articles",
        Entities = "entities",
        Events = "events",
        Quotes = "quotes",
        Numbers = "numbers",
        Dates = "dates",
    }
}

names! {
    /// The output formats.
    Format, UnknownFormat, "--format" {
        /// JSON Lines: one object per row, keys in column order.
        Jsonl = "jsonl",
        /// CSV (RFC 4180) with a header.
        Csv = "csv",
        /// Apache Parquet (Snappy), typed columns.
        Parquet = "parquet",
    }
}

/// The type of a column's values, with its Arrow type ([`crate::arrow_schema`]) and its text form
/// in CSV and JSON Lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Arrow `Utf8`; a string.
    Utf8,
    /// Arrow `Int64`; a number.
    Int64,
    /// Arrow `Float64`; a number (shortest form that reads back to the same value).
    Float64,
    /// Arrow `Boolean`; `true` / `false`.
    Boolean,
    /// Arrow `Timestamp(Millisecond, "UTC")`; RFC 3339 in UTC (`2022-01-10T08:00:00Z`).
    Timestamp,
    /// Arrow `Date32` (days since 1970-01-01); `YYYY-MM-DD`.
    Date32,
    /// Arrow `List<Utf8>` (items not null); a JSON array of strings; in CSV the items joined
    /// by `|`, a `|` or `\` inside an item written `\|` or `\\`.
    ListUtf8,
}

impl Kind {
    /// The name the documentation gives the kind (its Arrow type).
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Utf8 => "Utf8",
            Kind::Int64 => "Int64",
            Kind::Float64 => "Float64",
            Kind::Boolean => "Boolean",
            Kind::Timestamp => "Timestamp(ms, UTC)",
            Kind::Date32 => "Date32",
            Kind::ListUtf8 => "List<Utf8>",
        }
    }
}

/// One column of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub nullable: bool,
    /// What it holds (the row field's doc comment).
    pub doc: &'static str,
}

/// One value of a row, borrowed from it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value<'r> {
    Null,
    Str(&'r str),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// Milliseconds since the Unix epoch, UTC.
    Timestamp(i64),
    /// Days since 1970-01-01.
    Date(i32),
    List(&'r [Cow<'r, str>]),
}

impl Value<'_> {
    /// Whether the value fits a column of this kind (a null fits any).
    pub fn fits(&self, kind: Kind) -> bool {
        matches!(
            (self, kind),
            (Value::Null, _)
                | (Value::Str(_), Kind::Utf8)
                | (Value::Int(_), Kind::Int64)
                | (Value::Float(_), Kind::Float64)
                | (Value::Bool(_), Kind::Boolean)
                | (Value::Timestamp(_), Kind::Timestamp)
                | (Value::Date(_), Kind::Date32)
                | (Value::List(_), Kind::ListUtf8)
        )
    }
}

/// The days since 1970-01-01 of a date (Arrow's `Date32`).
pub fn days_since_epoch(d: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date");
    // Dates chrono can hold are within ±262,143 years: the days fit an i32.
    (d - epoch).num_days() as i32
}

/// The date of days since 1970-01-01.
pub fn date_of_days(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_signed(chrono::Duration::days(days.into()))
}

/// A Rust type that is a column: its kind, whether it may be null, its value.
pub trait FieldType {
    const KIND: Kind;
    const NULLABLE: bool;
    fn value(&self) -> Value<'_>;
}

macro_rules! field_type {
    ($t:ty, $kind:ident, |$s:ident| $v:expr) => {
        impl FieldType for $t {
            const KIND: Kind = Kind::$kind;
            const NULLABLE: bool = false;
            fn value(&self) -> Value<'_> {
                let $s = self;
                $v
            }
        }
        impl FieldType for Option<$t> {
            const KIND: Kind = Kind::$kind;
            const NULLABLE: bool = true;
            fn value(&self) -> Value<'_> {
                match self {
                    Some($s) => $v,
                    None => Value::Null,
                }
            }
        }
    };
}

field_type!(Cow<'_, str>, Utf8, |s| Value::Str(s));
field_type!(&'static str, Utf8, |s| Value::Str(s));
field_type!(i64, Int64, |s| Value::Int(*s));
field_type!(f64, Float64, |s| Value::Float(*s));
field_type!(bool, Boolean, |s| Value::Bool(*s));
field_type!(DateTime<Utc>, Timestamp, |s| Value::Timestamp(
    s.timestamp_millis()
));
field_type!(NaiveDate, Date32, |s| Value::Date(days_since_epoch(*s)));

impl FieldType for Vec<Cow<'_, str>> {
    const KIND: Kind = Kind::ListUtf8;
    const NULLABLE: bool = false;
    fn value(&self) -> Value<'_> {
        Value::List(self)
    }
}

/// A row of a table.
pub trait Record {
    /// The table it is a row of.
    const TABLE: Table;
    /// The table's columns, in order (one per field of the row).
    const COLUMNS: &'static [Column];
    /// Appends the row's values, in column order.
    fn values<'r>(&'r self, out: &mut Vec<Value<'r>>);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_and_unknown_ones_are_errors() {
        for t in Table::ALL {
            assert_eq!(t.as_str().parse::<Table>().unwrap(), *t);
        }
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>().unwrap(), *f);
        }
        assert!(matches!(
            "event".parse::<Table>(),
            Err(Error::UnknownTable(_))
        ));
        assert!(matches!(
            "xlsx".parse::<Format>(),
            Err(Error::UnknownFormat(_))
        ));
    }

    #[test]
    fn dates_are_days_since_the_epoch() {
        let d = NaiveDate::from_ymd_opt(2022, 1, 10).unwrap();
        assert_eq!(days_since_epoch(d), 19002);
        assert_eq!(date_of_days(19002), Some(d));
        let old = NaiveDate::from_ymd_opt(1969, 12, 31).unwrap();
        assert_eq!(days_since_epoch(old), -1);
    }

    #[test]
    fn column_names_are_unique_and_every_table_starts_with_its_id() {
        for t in Table::ALL {
            let cols = t.columns();
            let mut names: Vec<&str> = cols.iter().map(|c| c.name).collect();
            assert!(names[0].ends_with("_id"), "{t}");
            assert!(!cols[0].nullable, "{t}");
            names.sort();
            names.dedup();
            assert_eq!(names.len(), cols.len(), "{t}");
            assert!(cols.iter().all(|c| !c.doc.trim().is_empty()), "{t}");
        }
    }
}
