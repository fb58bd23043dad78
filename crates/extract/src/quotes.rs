//! Quotations: direct quotations in any marks (“ ” « » " „ and the reversed
//! ”…” of Arabic web text, unbalanced marks tolerated) and reported speech
//! after verbs of speech (قال، أكد، أضاف، أشار، اعتبر … followed by إن/أن).
//! Each gets its speaker: a name or role right after the verb, the subject
//! before it, or the last speaker for وأضاف/وتابع and pronoun subjects.

use crate::doc::{Doc, Tok};
use crate::lexicon::clitics::without_conj;
use crate::lexicon::quotes::{that, verbs, Verb};
use crate::ontology::ParticipantKind;
use crate::roles::{name_like, Actor, Participant};
use serde::{Deserialize, Serialize};

/// Direct (in quotation marks) or reported (after a verb of speech + أن/إن).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Reported,
}

/// One quotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// What was said, as written (without the marks or the أن).
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: QuoteKind,
    pub speaker: Option<Participant>,
    /// The verb of speech, as written.
    pub verb: Option<String>,
    /// Whether the speaker denies what is quoted (نفى).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub denial: bool,
    /// Index of the sentence.
    pub sentence: usize,
}

/// The grammatical gender a verb of speech shows for its subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Masc,
    Fem,
    Plural,
}

fn gender_of(norm: &str) -> Gender {
    let w = without_conj(norm);
    if w.ends_with("وا") || w.ends_with("ون") || w.ends_with("ين") {
        Gender::Plural
    } else if (w.ends_with('ت') && w.chars().count() >= 4)
        || w.ends_with("ه") && w.starts_with('م')
        || (w.starts_with('ت') && !w.starts_with("تابع"))
    {
        Gender::Fem
    } else {
        Gender::Masc
    }
}

/// The verb of speech a token is (with or without و/ف).
fn verb_of_tok(t: &Tok) -> Option<Verb> {
    verbs().cands(t, 2).next().copied()
}

/// The complementizer أن/إن (and انه، انها، بأن).
fn is_that(norm: &str) -> bool {
    that().that.contains(&norm)
}

fn open_close(c: &str) -> Option<(bool, bool)> {
    // (can open, can close)
    Some(match c {
        "«" | "“" | "„" | "‹" => (true, false),
        "»" | "›" => (false, true),
        "”" | "\"" | "″" | "'" => (true, true),
        _ => return None,
    })
}

fn closes(open: &str, close: &str) -> bool {
    matches!(
        (open, close),
        ("«", "»")
            | ("‹", "›")
            | ("“", "”")
            | ("“", "“")
            | ("„", "“")
            | ("„", "”")
            | ("”", "”")
            | ("”", "“")
            | ("\"", "\"")
            | ("″", "″")
            | ("'", "'")
    )
}

/// Direct quotations as token ranges of their content: `(open, close)` mark
/// token indices (the close may be the sentence end when a mark is unbalanced).
fn direct_spans(doc: &Doc) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for i in 0..doc.toks.len() {
        if let Some(o) = open {
            if i > o + 1 && doc.line_break_after(i - 1) {
                // an unbalanced mark: the quotation runs to the end of its paragraph
                if i - 1 > o + 1 {
                    out.push((o, i));
                }
                open = None;
            }
        }
        if !doc.toks[i].is_punct() {
            continue;
        }
        let s = doc.surface(i);
        let Some((can_open, _)) = open_close(s) else {
            continue;
        };
        match open {
            Some(o) if closes(doc.surface(o), s) => {
                if i > o + 1 {
                    out.push((o, i));
                }
                open = None;
            }
            Some(_) if can_open => open = Some(i),
            Some(_) => {}
            None if can_open => open = Some(i),
            None => {}
        }
    }
    if let Some(o) = open {
        if o + 1 < doc.toks.len() {
            out.push((o, doc.toks.len()));
        }
    }
    out
}

struct Speech {
    verb_tok: usize,
    gender: Gender,
    content: (usize, usize), // tokens, inclusive
    speaker: Option<Participant>,
    deny: bool,
}

/// All quotations of a text, in order.
pub(crate) fn find(doc: &Doc, actors: &[Actor]) -> Vec<Quote> {
    let mut out = Vec::new();
    // The last speaker of each gender (a masculine وأضاف continues a man, not موسكو تؤكد).
    let mut last_speaker: [Option<Participant>; 3] = [None, None, None];
    let gidx = |g: Gender| match g {
        Gender::Masc => 0,
        Gender::Fem => 1,
        Gender::Plural => 2,
    };
    let mut speeches: Vec<Speech> = Vec::new();
    let n = doc.toks.len();
    let actor_at = |i: usize| actors.iter().find(|a| a.first == i);
    for &(first, end) in &doc.sent_toks {
        let mut i = first;
        while i < end {
            let Some(verb) = doc.toks[i]
                .is_word()
                .then(|| verb_of_tok(&doc.toks[i]))
                .flatten()
            else {
                i += 1;
                continue;
            };
            let gender = gender_of(&doc.toks[i].norm);
            // A following subject, then أن/إن within a few words.
            let mut j = i + 1;
            let mut speaker: Option<Participant> = None;
            let mut that = None;
            while j < end && j <= i + 12 {
                let t = &doc.toks[j];
                if is_that(&t.norm) {
                    that = Some(j);
                    break;
                }
                if t.is_punct() && !matches!(doc.surface(j), "،" | "," | ":")
                    || (t.is_word() && verb_of_tok(t).is_some())
                {
                    break;
                }
                if speaker.is_none() {
                    if let Some(a) = actor_at(j).filter(|a| a.can_speak()) {
                        speaker = Some(Participant::of(doc, a));
                        j = a.last + 1;
                        continue;
                    }
                    if j == i + 1 && actors.iter().all(|a| a.label.is_none()) && name_like(doc, j) {
                        let mut e = j;
                        while e + 1 < end && e < j + 2 && name_like(doc, e + 1) {
                            e += 1;
                        }
                        speaker = Some(Participant {
                            text: doc.slice(j, e).to_string(),
                            start: doc.toks[j].start,
                            end: doc.toks[e].end,
                            kind: ParticipantKind::Person,
                            name: None,
                        });
                        j = e + 1;
                        continue;
                    }
                }
                j += 1;
            }
            let Some(that) = that else {
                i += 1;
                continue;
            };
            let explicit = speaker.is_some();
            // A participle (مؤكدا، مضيفا) shares the subject of the speech before it in the sentence.
            let participle = without_conj(&doc.toks[i].norm).starts_with('م');
            if speaker.is_none() && participle {
                speaker = speeches
                    .iter()
                    .rev()
                    .find(|s| s.verb_tok >= first && s.verb_tok < i)
                    .and_then(|s| s.speaker.clone());
            }
            if speaker.is_none() && !verb.cont {
                // the subject before the verb in this sentence (الرئيس … مؤكدا أن; موسكو تؤكد أن):
                // a person or body not governed by a preposition; a place only as the sentence's first word
                speaker = actors
                    .iter()
                    .rfind(|a| {
                        a.first >= first
                            && a.last < i
                            && !a.prep
                            && ((a.is_person_like() && !a.is_place())
                                || (a.is_place() && a.first == first))
                    })
                    .map(|a| Participant::of(doc, a));
            }
            if speaker.is_none() {
                speaker = last_speaker[gidx(gender)].clone();
            }
            // The content: after أن to the end of the sentence, closing punctuation off.
            let c0 = if self::that()
                .with_subject
                .contains(&doc.toks[that].norm.as_str())
            {
                that
            } else {
                that + 1
            };
            let mut c1 = end.saturating_sub(1);
            while c1 > c0 && doc.toks[c1].is_punct() && !matches!(doc.surface(c1), "”" | "»" | "\"")
            {
                c1 -= 1;
            }
            if c0 <= c1 && c0 < end {
                if explicit || speaker.is_some() {
                    let g = if speaker
                        .as_ref()
                        .is_some_and(|s| s.kind == ParticipantKind::Place)
                        && gender == Gender::Masc
                    {
                        Gender::Fem
                    } else {
                        gender
                    };
                    last_speaker[gidx(g)] = speaker.clone();
                }
                speeches.push(Speech {
                    verb_tok: i,
                    gender,
                    content: (c0, c1),
                    speaker,
                    deny: verb.deny,
                });
            }
            i = that + 1;
        }
    }
    for s in &speeches {
        let (c0, c1) = s.content;
        out.push(Quote {
            text: doc.slice(c0, c1).to_string(),
            start: doc.toks[c0].start,
            end: doc.toks[c1].end,
            kind: QuoteKind::Reported,
            speaker: s.speaker.clone(),
            verb: Some(doc.surface(s.verb_tok).to_string()),
            denial: s.deny,
            sentence: doc.tok_sent[s.verb_tok],
        });
    }
    for (o, c) in direct_spans(doc) {
        let (q0, q1) = (o + 1, c - 1);
        if q1 < q0 || q1 >= n {
            continue;
        }
        let sent = doc.tok_sent[q0];
        // The speech this quotation sits in, or a verb of speech just before or after it in its sentence.
        let inside = speeches
            .iter()
            .find(|s| s.content.0 <= q0 && q1 <= s.content.1);
        let (sent_first, sent_end) = doc.sent_toks[sent];
        let near_verb = || {
            (sent_first..sent_end)
                .filter(|&k| (k + 6 >= o && k < o) || (k > c && k <= c + 3))
                .find(|&k| doc.toks[k].is_word() && verb_of_tok(&doc.toks[k]).is_some())
        };
        let words = (q0..=q1).filter(|&k| !doc.toks[k].is_punct()).count();
        let (speaker, verb, deny) = if let Some(s) = inside {
            (
                s.speaker.clone(),
                Some(doc.surface(s.verb_tok).to_string()),
                s.deny,
            )
        } else if let Some(v) = near_verb() {
            let sp = actors
                .iter()
                .filter(|a| a.first > v && a.first <= v + 3 && a.can_speak())
                .map(|a| Participant::of(doc, a))
                .next()
                .or_else(|| {
                    actors
                        .iter()
                        .rfind(|a| {
                            a.last < v
                                && a.first >= sent_first
                                && a.is_person_like()
                                && !a.is_place()
                                && !a.prep
                        })
                        .map(|a| Participant::of(doc, a))
                })
                .or_else(|| last_speaker_before(&speeches, v, gender_of(&doc.toks[v].norm)));
            (sp, Some(doc.surface(v).to_string()), false)
        } else if words >= 4 {
            (None, None, false)
        } else {
            // a scare quote outside any speech: a term, not a quotation
            continue;
        };
        out.push(Quote {
            text: doc.slice(q0, q1).to_string(),
            start: doc.toks[q0].start,
            end: doc.toks[q1].end,
            kind: QuoteKind::Direct,
            speaker,
            verb,
            denial: deny,
            sentence: sent,
        });
    }
    out.sort_by_key(|q| (q.start, q.end));
    out
}

fn last_speaker_before(speeches: &[Speech], tok: usize, gender: Gender) -> Option<Participant> {
    speeches
        .iter()
        .rev()
        .filter(|s| s.verb_tok < tok && s.gender == gender)
        .find_map(|s| s.speaker.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(t: &str) -> Vec<Quote> {
        let doc = Doc::new(t);
        let actors = crate::roles::find(&doc, &[]);
        find(&doc, &actors)
    }

    #[test]
    fn reported_speech_with_following_name_and_continuation() {
        let q = quotes("وقال بوتين الاثنين إن الاضطرابات تم استغلالها. وأضاف أن القوات ستنسحب.");
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].kind, QuoteKind::Reported);
        assert_eq!(q[0].text, "الاضطرابات تم استغلالها");
        assert_eq!(q[0].speaker.as_ref().unwrap().text, "بوتين");
        assert_eq!(q[1].speaker.as_ref().unwrap().text, "بوتين");
    }

    #[test]
    fn preceding_subject_and_role_speakers() {
        let q = quotes("وأكد رئيس كازاخستان الاثنين أن أعمال الشغب كانت “محاولة انقلاب”.");
        assert_eq!(q[0].speaker.as_ref().unwrap().text, "رئيس كازاخستان");
        let d = q.iter().find(|q| q.kind == QuoteKind::Direct).unwrap();
        assert_eq!(d.text, "محاولة انقلاب");
        assert_eq!(d.speaker.as_ref().unwrap().text, "رئيس كازاخستان");
        let q = quotes("لم يترك الرئيس الروسي فلاديمير بوتين أي هامش، مؤكدا أن بلاده لن تسمح بـ”ثورات ملونة” جديدة.");
        let d = q.iter().find(|q| q.text == "ثورات ملونة").unwrap();
        assert!(d.speaker.as_ref().unwrap().text.contains("بوتين"));
    }

    #[test]
    fn marks_of_every_kind_and_unbalanced() {
        let q = quotes("قال الوزير: «لن نتراجع عن هذا القرار أبدا» في مؤتمر صحفي.");
        assert!(q.iter().any(|q| q.kind == QuoteKind::Direct
            && q.text == "لن نتراجع عن هذا القرار أبدا"
            && q.speaker.as_ref().is_some_and(|s| s.text == "الوزير")));
        let q = quotes("وقال المتحدث: \"سنواصل العمل حتى النهاية\" أمس.");
        assert!(q.iter().any(|q| q.text == "سنواصل العمل حتى النهاية"));
        // unbalanced: the quotation runs to the end of the paragraph
        let q = quotes("قال المتحدث: «لن نسمح بعودة الفوضى إلى البلاد\nوفي سياق آخر");
        assert!(q
            .iter()
            .any(|q| q.kind == QuoteKind::Direct && q.text.ends_with("البلاد")));
        // scare quotes are terms, not quotations
        assert!(quotes("للمساعدة على تحقيق “استقرار” البلاد.").is_empty());
    }
}
