//! Event evaluation: the UniversalPetrarch gold sentences (`gsr-*.xml`:
//! `gsr-*-dev.xml` to develop, `gsr-*-test.xml` to report) read into
//! [`GoldSentence`]s and scored by [`score_gold`]; [`false_positives`] counts
//! the events read in articles that should have none (PROTEST and ASSAULT in
//! sport news).

use super::ratio;
use crate::events::EventType;
use crate::reading::{read_article, Reading};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// One gold sentence: its text, PLOVER types and source (actor) texts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldSentence {
    pub id: String,
    pub text: String,
    /// The PLOVER types coded for it (or its category when none is coded).
    pub types: Vec<String>,
    /// The texts of the coded sources (actors).
    pub sources: Vec<String>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let s = tag.find(&key)? + key.len();
    let e = tag[s..].find('"')? + s;
    Some(unescape(&tag[s..e]))
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The sentences of a UniversalPetrarch gold file (`<Sentence>` with its
/// `<Text>`, `<EventCoding plover=…>` and `<EventText sourcetext=…>`).
pub fn parse_gold(xml: &str) -> Vec<GoldSentence> {
    let mut out = Vec::new();
    for block in xml.split("<Sentence ").skip(1) {
        let head = &block[..block.find('>').unwrap_or(block.len())];
        let id = attr(head, "id").unwrap_or_default();
        let text = match (block.find("<Text>"), block.find("</Text>")) {
            (Some(s), Some(e)) if e > s => unescape(block[s + 6..e].trim()),
            _ => continue,
        };
        let mut types = Vec::new();
        let mut sources = Vec::new();
        for part in block.split("<EventCoding ").skip(1) {
            if let Some(p) = attr(&part[..part.find("/>").unwrap_or(part.len())], "plover")
                .filter(|p| !p.is_empty())
            {
                types.push(p);
            }
        }
        for part in block.split("<EventText ").skip(1) {
            if let Some(s) = attr(&part[..part.find("/>").unwrap_or(part.len())], "sourcetext")
                .filter(|s| !s.trim().is_empty())
            {
                sources.push(s);
            }
        }
        if types.is_empty() {
            if let Some(c) = attr(head, "category") {
                types.push(c);
            }
        }
        out.push(GoldSentence {
            id,
            text,
            types,
            sources,
        });
    }
    out
}

/// Search keys of a phrase, for comparing actors loosely (clitics and ال off).
fn keys(s: &str) -> Vec<String> {
    khabar_text::Analyzer::new(khabar_text::Form::Key)
        .drop_stopwords(true)
        .terms(s)
}

/// The scores of one gold type.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TypeScore {
    /// Gold sentences of the type.
    pub sentences: usize,
    /// Of those, the sentences where the reading found an event of the type.
    pub found: usize,
    pub recall: f64,
    /// Found sentences whose gold coding names an actor.
    pub with_gold_actor: usize,
    /// Of those, the sentences where an event's actor shares a key with it.
    pub actor_correct: usize,
    pub actor_accuracy: f64,
}

/// A gold sentence the reading got wrong.
#[derive(Clone, Debug, PartialEq)]
pub enum GoldMiss {
    /// No event of the gold type.
    Missed {
        ty: String,
        id: String,
        text: String,
    },
    /// Events of the type, none with the gold actor.
    Actor {
        ty: String,
        id: String,
        gold: Vec<String>,
        found: Vec<String>,
    },
}

/// Recall and actor accuracy per gold type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoldReport {
    pub sentences: usize,
    /// Events read in all the sentences.
    pub events: usize,
    pub types: BTreeMap<String, TypeScore>,
    /// The first misses, in the order met (at most the number asked for).
    pub misses: Vec<GoldMiss>,
}

/// Reads every gold sentence (with the bundled NER) and scores the events
/// found against its coding; keeps the first `show` misses.
pub fn score_gold<'a>(gold: impl IntoIterator<Item = &'a GoldSentence>, show: usize) -> GoldReport {
    let mut rep = GoldReport::default();
    for g in gold {
        rep.sentences += 1;
        let r = read_article(None, &g.text, None);
        rep.events += r.events.len();
        let gold_actor: Vec<String> = g.sources.iter().flat_map(|s| keys(s)).collect();
        for ty in &g.types {
            let sc = rep.types.entry(ty.clone()).or_default();
            sc.sentences += 1;
            let evs: Vec<_> = r.events.iter().filter(|e| e.event_type == *ty).collect();
            if evs.is_empty() {
                if rep.misses.len() < show {
                    rep.misses.push(GoldMiss::Missed {
                        ty: ty.clone(),
                        id: g.id.clone(),
                        text: g.text.clone(),
                    });
                }
                continue;
            }
            sc.found += 1;
            if gold_actor.is_empty() {
                continue;
            }
            sc.with_gold_actor += 1;
            let ok = evs.iter().any(|e| {
                e.actor
                    .as_ref()
                    .is_some_and(|a| keys(&a.text).iter().any(|k| gold_actor.contains(k)))
            });
            if ok {
                sc.actor_correct += 1;
            } else if rep.misses.len() < show {
                rep.misses.push(GoldMiss::Actor {
                    ty: ty.clone(),
                    id: g.id.clone(),
                    gold: g.sources.clone(),
                    found: evs
                        .iter()
                        .map(|e| {
                            e.actor
                                .as_ref()
                                .map_or("-", |a| a.text.as_str())
                                .to_string()
                        })
                        .collect(),
                });
            }
        }
    }
    for sc in rep.types.values_mut() {
        sc.recall = ratio(sc.found, sc.sentences);
        sc.actor_accuracy = ratio(sc.actor_correct, sc.with_gold_actor);
    }
    rep
}

/// One article to read: its id, title, body and publication date.
pub struct Article<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub published: Option<NaiveDate>,
}

/// A PROTEST or ASSAULT event read where none is expected.
#[derive(Clone, Debug, PartialEq)]
pub struct FalseEvent {
    pub article: String,
    pub event_type: EventType,
    pub trigger: String,
    /// The event's sentence.
    pub sentence: String,
}

/// The events read in articles that should have none of some types.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FalsePositives {
    pub articles: usize,
    /// Events per type, all types.
    pub by_type: BTreeMap<String, usize>,
    /// The first PROTEST and ASSAULT events (at most the number asked for).
    pub shown: Vec<FalseEvent>,
}

impl FalsePositives {
    /// PROTEST and ASSAULT events: the ones a category such as sport should not have.
    pub fn protest_assault(&self) -> usize {
        [EventType::Protest, EventType::Assault]
            .iter()
            .map(|t| self.by_type.get(t.as_str()).copied().unwrap_or(0))
            .sum()
    }
}

/// Reads every article and counts its events; keeps the first `show`
/// PROTEST and ASSAULT events.
pub fn false_positives<'a>(
    articles: impl IntoIterator<Item = Article<'a>>,
    show: usize,
) -> FalsePositives {
    let mut rep = FalsePositives::default();
    for a in articles {
        rep.articles += 1;
        let r: Reading = read_article(Some(a.title), a.body, a.published);
        for e in &r.events {
            *rep.by_type.entry(e.event_type.to_string()).or_default() += 1;
            let violent = matches!(e.event_type, EventType::Protest | EventType::Assault);
            if violent && rep.shown.len() < show {
                let s = r.sentences[e.sentence];
                rep.shown.push(FalseEvent {
                    article: a.id.to_string(),
                    event_type: e.event_type,
                    trigger: e.trigger.clone(),
                    sentence: a.body[s.start..s.end].to_string(),
                });
            }
        }
    }
    rep
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOLD: &str = r#"<Sentences>
<Sentence id="AFP_1" category="PROTEST">
<Text>
وتظاهر آلاف المحتجين في وسط بغداد للمطالبة بتحسين الخدمات &amp; فرص العمل .
</Text>
<EventCoding plover="PROTEST" />
<EventText sourcetext="المحتجين" />
</Sentence>
<Sentence id="AFP_2" category="ASSAULT">
<Text>قال المتحدث إن الاجتماع انتهى .</Text>
</Sentence>
</Sentences>"#;

    #[test]
    fn gold_sentences_are_read_with_their_coding() {
        let g = parse_gold(GOLD);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].id, "AFP_1");
        assert!(g[0].text.contains("الخدمات & فرص"));
        assert_eq!(
            (g[0].types.clone(), g[0].sources.clone()),
            (vec!["PROTEST".to_string()], vec!["المحتجين".to_string()])
        );
        // no EventCoding: the sentence's category
        assert_eq!(g[1].types, vec!["ASSAULT".to_string()]);
    }

    #[test]
    fn a_found_protest_and_a_missed_assault_are_scored() {
        let g = parse_gold(GOLD);
        let r = score_gold(&g, 5);
        assert_eq!(r.sentences, 2);
        let p = &r.types["PROTEST"];
        assert_eq!((p.sentences, p.found, p.recall), (1, 1, 1.0));
        assert_eq!((p.with_gold_actor, p.actor_correct), (1, 1));
        let a = &r.types["ASSAULT"];
        assert_eq!((a.found, a.recall), (0, 0.0));
        assert!(
            matches!(&r.misses[..], [GoldMiss::Missed { ty, id, .. }] if ty == "ASSAULT" && id == "AFP_2")
        );
    }
}
