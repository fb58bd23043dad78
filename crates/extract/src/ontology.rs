//! The closed sets the reading names things by: PLOVER event types and modes,
//! participant kinds. Each is an enum whose serialized name is its PLOVER (or
//! khabar) string, written once here; the lexicons parse their `data/*.tsv`
//! columns into them at load, so a misspelt type in a list fails its test
//! instead of being skipped.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::Deref;

/// An enum of names: each variant with its one string, [`std::str::FromStr`],
/// `Display`, serde as that string, and comparison with strings.
macro_rules! names {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal,)* }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vm])* $v,)*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$v,)*];

            /// The name as serialized.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$v => $s,)*
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownName;
            fn from_str(s: &str) -> Result<Self, UnknownName> {
                match s {
                    $($s => Ok($name::$v),)*
                    _ => Err(UnknownName(s.to_string(), stringify!($name))),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                self.as_str()
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, o: &str) -> bool {
                self.as_str() == o
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, o: &&str) -> bool {
                self.as_str() == *o
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, o: &String) -> bool {
                self.as_str() == o.as_str()
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

/// A name that is not one of the set's.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {1}: {0:?}")]
pub struct UnknownName(pub String, pub &'static str);

names! {
    /// The 16 PLOVER event types.
    EventType {
        Agree = "AGREE",
        Consult = "CONSULT",
        Support = "SUPPORT",
        Concede = "CONCEDE",
        Cooperate = "COOPERATE",
        Aid = "AID",
        Retreat = "RETREAT",
        Request = "REQUEST",
        Accuse = "ACCUSE",
        Reject = "REJECT",
        Threaten = "THREATEN",
        Protest = "PROTEST",
        Sanction = "SANCTION",
        Mobilize = "MOBILIZE",
        Coerce = "COERCE",
        Assault = "ASSAULT",
    }
}

names! {
    /// The PLOVER modes khabar reads (of the type they go with).
    EventMode {
        // ACCUSE
        Accuse = "accuse",
        Disapprove = "disapprove",
        // ASSAULT
        Abduct = "abduct",
        Aerial = "aerial",
        Beat = "beat",
        CrowdControl = "crowd-control",
        Destroy = "destroy",
        Drone = "drone",
        Explosives = "explosives",
        Firearms = "firearms",
        HeavyWeapons = "heavy-weapons",
        Primitive = "primitive",
        Sexual = "sexual",
        SuicideAttack = "suicide-attack",
        Targeted = "targeted",
        Torture = "torture",
        Unconventional = "unconventional",
        // COERCE
        Arrest = "arrest",
        Censor = "censor",
        Curfew = "curfew",
        Deport = "deport",
        MartialLaw = "martial-law",
        Restrict = "restrict",
        Seize = "seize",
        Withhold = "withhold",
        // CONSULT
        Meet = "meet",
        Phone = "phone",
        Visit = "visit",
        // MOBILIZE
        Troops = "troops",
        // PROTEST
        Boycott = "boycott",
        Demo = "demo",
        Hunger = "hunger",
        Obstruct = "obstruct",
        Riot = "riot",
        Strike = "strike",
        // RETREAT
        Ceasefire = "ceasefire",
        Military = "military",
        // SANCTION
        Convict = "convict",
        Discontinue = "discontinue",
        Expel = "expel",
    }
}

names! {
    /// What a participant is: a named entity (`PERSON`, `ORG`, `PLACE`,
    /// `MISC`) or the class of a role noun.
    ParticipantKind {
        Person = "PERSON",
        Org = "ORG",
        Place = "PLACE",
        Misc = "MISC",
        Official = "OFFICIAL",
        Gov = "GOV",
        Military = "MILITARY",
        Police = "POLICE",
        Armed = "ARMED",
        Protesters = "PROTESTERS",
        Civilians = "CIVILIANS",
        Media = "MEDIA",
        Experts = "EXPERTS",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_serialize_as_their_strings_and_parse_back() {
        fn check<T: Serialize + for<'de> Deserialize<'de> + PartialEq + fmt::Debug + Copy>(
            all: &[T],
            name: impl Fn(T) -> &'static str,
        ) {
            for &v in all {
                let json = serde_json::to_string(&v).unwrap();
                assert_eq!(json, format!("\"{}\"", name(v)));
                assert_eq!(serde_json::from_str::<T>(&json).unwrap(), v);
            }
        }
        check(EventType::ALL, EventType::as_str);
        check(EventMode::ALL, EventMode::as_str);
        check(ParticipantKind::ALL, ParticipantKind::as_str);
        assert_eq!(EventType::ALL.len(), 16);
    }

    #[test]
    fn a_misspelt_type_is_an_error() {
        assert!("PROTESTER".parse::<EventType>().is_err());
        assert!(serde_json::from_str::<ParticipantKind>("\"PROTESTER\"").is_err());
        assert_eq!("PROTEST".parse(), Ok(EventType::Protest));
    }
}
