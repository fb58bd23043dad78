//! Quotations: direct quotations in any marks (“ ” « » " „ and the reversed
//! ”…” of Arabic web text, unbalanced marks tolerated) and reported speech
//! after verbs of speech (قال، أكد، أضاف، أشار، اعتبر … followed by إن/أن).
//! Each gets its speaker: a name or role right after the verb, the subject
//! before it, or the last speaker for وأضاف/وتابع and pronoun subjects.

use crate::doc::{Doc, Tok};
use crate::lexicon::clitics::without_conj;
use crate::lexicon::dates::is_time_word;
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
            while j < end && j <= i + MAX_SUBJECT_WORDS {
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
                            key: None,
                            canonical: None,
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
            // The whole subject between the verb and أن/إن, over the name or role found in it.
            if let Some(p) = subject_participant(doc, actors, i, that) {
                speaker = Some(p);
            }
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
            if speaker.is_none() {
                // وكانت بيونغيانغ قد قالت إن: the subject between كان and قد.
                speaker = kana_subject(doc, actors, first, i);
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
                .filter(|&k| (k + MAX_SUBJECT_WORDS >= o && k < o) || (k > c && k <= c + 3))
                .find(|&k| doc.toks[k].is_word() && verb_of_tok(&doc.toks[k]).is_some())
        };
        let words = (q0..=q1).filter(|&k| !doc.toks[k].is_punct()).count();
        // Reported speech that opens with its quotation marks and is mostly inside them
        // (قال إن "…"، قال إنهم "…") is one quotation: the reported one, which holds it. A
        // quotation later in the clause (كانت “محاولة انقلاب”) stays its own.
        if inside.is_some_and(|s| {
            o <= s.content.0 + 1 && 2 * (c + 1 - o) >= s.content.1 + 1 - s.content.0
        }) {
            continue;
        }
        let (speaker, verb, deny) = if let Some(s) = inside {
            (
                s.speaker.clone(),
                Some(doc.surface(s.verb_tok).to_string()),
                s.deny,
            )
        } else if let Some(v) = near_verb() {
            let sp = (v < o)
                .then(|| subject_participant(doc, actors, v, o))
                .flatten()
                .or_else(|| {
                    actors
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
                        .or_else(|| last_speaker_before(&speeches, v, gender_of(&doc.toks[v].norm)))
                });
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

/// The subject written between a verb of speech and its أن/إن, as news writes it after the
/// verb (وقال وزير الخارجية السعودي عادل الجبير إن): the words after the verb, appositions after
/// a comma included, up to what begins the setting of the speech (لوكالة فرانس برس، خلال، في
/// بيان، في وقت سابق، a time word such as يوم الخميس) or another verb; a statement gives way to
/// its issuer (بيان صادر عن المجلس → المجلس). A token range, both ends included; `None` when
/// the setting or أن follows the verb at once, or the words run longer than a subject does.
fn subject_between(
    doc: &Doc,
    actors: &[Actor],
    verb: usize,
    that: usize,
) -> Option<(usize, usize)> {
    // في before a place that ends the words is where the speech was made (دبلوماسيون غربيون في
    // جنيف إن); one that a name follows is part of a title (رئيس المركز في سوريا اللواء …).
    let place_at = |k: usize| {
        actors.iter().any(|a| {
            a.first == k && a.is_place() && (a.last + 1 >= that || doc.toks[a.last + 1].is_punct())
        })
    };
    let w = self::that();
    // في بيان، في البيان، في بيانه، في مؤتمره: with or without the article or a pronoun.
    let is_setting_noun = |k: usize| {
        let n = doc.toks[k].norm.as_str();
        let n = n.strip_prefix("ال").unwrap_or(n);
        [
            n,
            n.strip_suffix("ها").unwrap_or(n),
            n.strip_suffix('ه').unwrap_or(n),
        ]
        .iter()
        .any(|n| w.setting_noun.contains(n))
    };
    let mut first = (verb + 1..that).find(|&k| !doc.toks[k].is_punct())?;
    let mut last = None;
    for k in first..that {
        let t = &doc.toks[k];
        if t.is_punct() {
            if matches!(doc.surface(k), "،" | ",") {
                continue;
            }
            break;
        }
        let n = t.norm.as_str();
        let prev = doc.toks[k - 1].norm.as_str();
        let issuer =
            matches!(n, "عن" | "من") && (w.statement.contains(&prev) || w.issued.contains(&prev));
        if !issuer && w.setting_end.contains(&n)
            || is_time_word(n)
            || (n == "في" && k + 1 < that && (is_setting_noun(k + 1) || place_at(k + 1)))
            || (t.is_word() && verb_of_tok(t).is_some())
        {
            break;
        }
        last = Some(k);
    }
    let last = last?;
    if w.statement.contains(&doc.toks[first].norm.as_str()) && first < last {
        // بيان (صادر) عن المجلس، بيان الحرس الوطني: the issuer speaks.
        first += 1;
        if first < last && w.issued.contains(&doc.toks[first].norm.as_str()) {
            first += 1;
        }
        if first < last && matches!(doc.toks[first].norm.as_str(), "عن" | "من") {
            first += 1;
        }
    }
    (last + 1 - first <= MAX_SUBJECT_WORDS).then_some((first, last))
}

/// [`subject_between`] as a participant: its words, with the kind (and the person's name) of
/// the name or role found inside it.
fn subject_participant(
    doc: &Doc,
    actors: &[Actor],
    verb: usize,
    that: usize,
) -> Option<Participant> {
    // نقلت الوكالة عن مصدر عسكري أن: the source after عن speaks, not the one who passes it on.
    let from = (without_conj(&doc.toks[verb].norm).starts_with("نقل"))
        .then(|| (verb + 1..that).find(|&k| doc.toks[k].norm.as_str() == "عن"))
        .flatten()
        .unwrap_or(verb);
    let (s0, s1) = subject_between(doc, actors, from, that)?;
    Some(participant_over(doc, actors, s0, s1))
}

/// The words `s0..=s1` as a participant, with the kind (and the person's name) of the name or
/// role found inside them.
fn participant_over(doc: &Doc, actors: &[Actor], s0: usize, s1: usize) -> Participant {
    let inner = actors
        .iter()
        .find(|a| a.first >= s0 && a.last <= s1 && a.can_speak());
    Participant {
        text: doc.slice(s0, s1).to_string(),
        start: doc.toks[s0].start,
        end: doc.toks[s1].end,
        kind: inner.map_or(ParticipantKind::Misc, |a| a.class),
        name: inner.and_then(|a| {
            a.name.map(|(s, e)| doc.text[s..e].to_string()).or_else(|| {
                (a.is_named_person() && (a.first, a.last) != (s0, s1))
                    .then(|| doc.slice(a.first, a.last).to_string())
            })
        }),
        key: None,
        canonical: None,
    }
}

/// The subject of `وكان X قد قال` (كان, the subject, قد, the verb of speech at `verb`), within
/// the sentence that starts at token `first`.
fn kana_subject(doc: &Doc, actors: &[Actor], first: usize, verb: usize) -> Option<Participant> {
    let qad = verb
        .checked_sub(1)
        .filter(|&q| q > first && doc.toks[q].norm.as_str() == "قد")?;
    let kana = (first..qad)
        .rev()
        .take(MAX_SUBJECT_WORDS + 1)
        .find(|&k| matches!(without_conj(&doc.toks[k].norm), "كان" | "كانت" | "كانوا"))?;
    let (s0, s1) = (kana + 1, qad - 1);
    if s1 < s0 || (s0..=s1).any(|k| doc.toks[k].is_punct()) {
        return None;
    }
    Some(participant_over(doc, actors, s0, s1))
}

/// The longest subject [`subject_between`] takes (title, name and apposition).
const MAX_SUBJECT_WORDS: usize = 16;

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

    fn speaker(t: &str) -> String {
        let q = quotes(t);
        q.first()
            .and_then(|q| q.speaker.as_ref())
            .map_or_else(String::new, |s| s.text.clone())
    }

    // Sentences from the ANT development corpus (gold/reading/quotes.jsonl, dev part).
    #[test]
    fn the_speaker_is_the_whole_subject_between_the_verb_and_an() {
        assert_eq!(
            speaker("وقال المرصد السوري لحقوق الانسان إن الجانب الروسي رد على الطروحات."),
            "المرصد السوري لحقوق الانسان"
        );
        assert_eq!(
            speaker("ومن جانبه قال رئيس مركز المصالحة الروسي في سوريا اللواء يوري يفتوشينكو انه على الرغم من تصعيد الأوضاع تستمر العملية الإنسانية."),
            "رئيس مركز المصالحة الروسي في سوريا اللواء يوري يفتوشينكو"
        );
    }

    #[test]
    fn the_setting_of_a_speech_is_not_its_speaker() {
        assert_eq!(
            speaker("وقال متحدث لوكالة فرانس برس إن أجهزة الإنقاذ تبحث عن ثلاثة مراكب أخرى."),
            "متحدث"
        );
        assert_eq!(
            speaker("وقال بنس في كلمة في معهد هدسون المحافظ في واشنطن: \"أقولها صراحةً: إنّ رئاسة الرئيس ترامب ناجحة\"."),
            "بنس"
        );
        assert_eq!(
            speaker("وقال دبلوماسيون غربيون وآسيويون في جنيف إن المحادثات ستستأنف."),
            "دبلوماسيون غربيون وآسيويون"
        );
        assert_eq!(
            speaker("وأشار البيان إلى أن قاسم هو أحد قادة سرايا الأشتر."),
            "البيان"
        );
    }

    #[test]
    fn reported_speech_all_in_marks_is_one_quotation() {
        let q = quotes("وقال المندوب الروسي إنهم \"يلعبون بالنار\".");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].kind, QuoteKind::Reported);
    }

    #[test]
    fn a_statement_gives_way_to_its_issuer() {
        assert_eq!(
            speaker("وقال بيان صادر عن المجلس إن الاجتماع سيعقد غدا."),
            "المجلس"
        );
        assert_eq!(
            speaker("وقال بيان الحرس الوطني إن الطائرة سقطت أثناء التدريب."),
            "الحرس الوطني"
        );
        assert_eq!(
            speaker("ونقلت الوكالة عن مصدر عسكري أن الدفاعات الجوية اعترضت الصاروخ."),
            "مصدر عسكري"
        );
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
