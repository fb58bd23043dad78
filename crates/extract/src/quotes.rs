//! Quotations: direct quotations in any marks (“ ” « » " „ and the reversed
//! ”…” of Arabic web text, unbalanced marks tolerated) and reported speech
//! after verbs of speech (قال، أكد، أضاف، أشار، اعتبر … followed by إن/أن).
//! Each gets its speaker: a name or role right after the verb, the subject
//! before it, or the last speaker for وأضاف/وتابع and pronoun subjects.

use crate::doc::{Doc, Tok};
use crate::lexicon::clitics::{listed, without_conj};
use crate::lexicon::dates::is_time_word;
use crate::lexicon::quotes::{that, verbs, Verb};
use crate::ontology::ParticipantKind;
use crate::roles::{Actor, Participant};
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

/// The verb of speech at token `i`: a verb of speech, or a verb that with في and a statement
/// reports what it says (وجاء في البيان أن، ورد في التقرير).
fn speech_at(doc: &Doc, i: usize) -> Option<Verb> {
    let t = &doc.toks[i];
    if !t.is_word() {
        return None;
    }
    verb_of_tok(t).or_else(|| said_in_at(doc, i).then(Verb::default))
}

/// Whether token `i` is جاء/ورد followed by في and a statement or a setting noun.
fn said_in_at(doc: &Doc, i: usize) -> bool {
    let w = that();
    let n = doc.toks[i].norm.as_str();
    listed(&w.said_in, n)
        && doc.toks.get(i + 1).is_some_and(|t| t.norm == "في")
        && doc.toks.get(i + 2).is_some_and(|t| {
            let n = t.norm.as_str();
            let n = n.strip_prefix("ال").unwrap_or(n);
            w.statement.contains(&n) || w.setting_noun.contains(&n)
        })
}

/// Whether a token is a quotation mark.
fn is_mark(doc: &Doc, i: usize) -> bool {
    doc.toks[i].is_punct() && open_close(doc.surface(i)).is_some()
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
    let mut nested = 0;
    for i in 0..doc.toks.len() {
        if open.is_none() {
            nested = 0;
        }
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
        // a straight mark that opens inside marks (a word right after it)
        // opens marks nested in them, closed before the outer ones (قال: "إن الفشل كان خطأ
        // و"تخبطا سياسيا" لأنها …")
        if s == "\"" && open.is_some_and(|o| doc.surface(o) == "\"") {
            // a space before it, or a one-letter proclitic (و"تخبطا"، بـ"خلافات")
            let opener = (!doc.gap_after(i - 1).is_empty()
                || (doc.toks[i - 1].is_word() && doc.toks[i - 1].norm.chars().count() == 1))
                && doc.toks.get(i + 1).is_some_and(|t| t.is_word())
                && doc.gap_after(i).is_empty();
            let closer = doc.gap_after(i - 1).is_empty() && doc.toks[i - 1].is_word();
            if opener && i > open.unwrap_or(0) + 1 {
                nested += 1;
                continue;
            }
            if closer && nested > 0 {
                nested -= 1;
                continue;
            }
        }
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
    /// The أن/إن token.
    that: usize,
    gender: Gender,
    content: (usize, usize), // tokens, inclusive
    speaker: Option<Participant>,
    deny: bool,
}

/// Whether an actor is inside what a speech says (not its speaker).
fn quoted(speeches: &[Speech], a: &Actor) -> bool {
    speeches
        .iter()
        .any(|s| s.content.0 <= a.first && a.last <= s.content.1)
}

/// The subject of a sentence before token `v`: a person or body not governed by a
/// preposition nor inside what a speech says, the first one (`first_one`, for a participle:
/// وعلقت شيرين على صورها قائلة) or the nearest (موسكو تؤكد أن); a place only as the sentence's
/// first word.
fn subject_before(
    doc: &Doc,
    actors: &[Actor],
    speeches: &[Speech],
    first: usize,
    v: usize,
    first_one: bool,
) -> Option<Participant> {
    // a place before a dash or a comma opening the sentence is its dateline (موسكو – لم يترك …)
    let dateline = |a: &Actor| doc.toks.get(a.last + 1).is_some_and(|t| t.is_punct());
    let speaks = |a: &Actor| {
        a.first >= first
            && a.last < v
            && !a.prep
            && !addressed(doc, a)
            && ((a.is_person_like() && !a.is_place())
                || (a.is_place() && a.first == first && !dateline(a)))
    };
    // the subject written just before its verb speaks, inside what another says too (وأضاف
    // أن المسؤولين السعوديين قالوا له إنهم …)
    if !first_one {
        if let Some(a) = actors.iter().find(|a| a.last + 1 == v && speaks(a)) {
            // with the noun it is the genitive of, when that opens the clause (لكن محامي جولي
            // قال إن)
            let opener = |k: usize| {
                k == first
                    || doc.toks[k - 1].is_punct()
                    || doc.toks[k - 1].stop
                    || is_that(&doc.toks[k - 1].norm)
            };
            if let Some(p) = a.first.checked_sub(1).filter(|&p| {
                p >= first
                    && opener(p)
                    && doc.toks[p].is_word()
                    && !doc.toks[p].stop
                    && doc.toks[p].norm.chars().count() >= 3
                    && !without_conj(&doc.toks[p].norm).starts_with("ال")
                    && speech_at(doc, p).is_none()
                    && !actors.iter().any(|b| b.last == p)
            }) {
                return Some(participant_over(doc, actors, p, a.last));
            }
            return Some(with_apposition(doc, actors, a));
        }
    }
    let in_setting = setting_spans(doc, first, v);
    let ok = |a: &&Actor| {
        speaks(a)
            && !quoted(speeches, a)
            && !in_setting
                .iter()
                .any(|&(s, e)| s <= a.first && a.first <= e)
    };
    let a = if first_one {
        actors.iter().find(ok)
    } else {
        actors.iter().rfind(ok)
    };
    a.map(|a| with_apposition(doc, actors, a))
}

/// The settings of speech between tokens `first` and `v`: `في` and a setting noun up to the
/// next comma (وعلق في بيان معد حصلت رويترز عليه، قائلا): who is named there does not speak.
fn setting_spans(doc: &Doc, first: usize, v: usize) -> Vec<(usize, usize)> {
    let w = that();
    let mut out = Vec::new();
    let mut k = first;
    while k + 1 < v {
        if doc.toks[k].norm.as_str() == "في" && noun_in(&doc.toks[k + 1].norm, &w.setting_noun) {
            let e = (k + 2..v).find(|&j| doc.toks[j].is_punct()).unwrap_or(v);
            out.push((k, e));
            k = e;
        }
        k += 1;
    }
    out
}

/// An actor with the name or title set off after it by commas (الرئيس الأمريكي، دونالد ترامب،
/// قال؛ المتحدث باسم الخارجية، بهرام قاسمي، إذ أكد): a person's name after a role, or a role
/// after a person's name, up to the next comma.
fn with_apposition(doc: &Doc, actors: &[Actor], a: &Actor) -> Participant {
    let comma = |k: usize| {
        doc.toks
            .get(k)
            .is_some_and(|_| matches!(doc.surface(k), "،" | ","))
    };
    let named = a.is_named_person() || a.name.is_some();
    let next = comma(a.last + 1)
        .then(|| actors.iter().find(|b| b.first == a.last + 2))
        .flatten()
        .filter(|b| {
            !b.prep
                && comma(b.last + 1)
                && if named {
                    // a role after a name: the role only, not another person
                    b.is_person_like() && !b.is_named_person() && b.name.is_none()
                } else {
                    b.is_named_person() || b.name.is_some()
                }
        });
    // a name in marks after a role (صحيفة "ذي ناشونال")
    let marked = (!named && is_mark(doc, a.last + 1))
        .then(|| (a.last + 3..doc.toks.len().min(a.last + 7)).find(|&k| is_mark(doc, k)))
        .flatten();
    match (next, marked) {
        (Some(b), _) => participant_over(doc, actors, a.first, b.last),
        (None, Some(c)) => participant_over(doc, actors, a.first, c),
        _ => Participant::of(doc, a),
    }
}

/// The subject written before the verb of speech at `v` (sentence from `first`), when none
/// follows it: the antecedent of a relative pronoun the verb agrees with (كارين مكدوغال، التي
/// تقول إنها); the sentence's subject when the verb opens a clause of its own, after و, a comma
/// or a joiner (وعندما سئل الأمير …، قال إنه؛ لكنه قال إن); else the nearest (موسكو تؤكد أن).
fn clause_subject(
    doc: &Doc,
    actors: &[Actor],
    speeches: &[Speech],
    first: usize,
    v: usize,
) -> Option<Participant> {
    let prev = v.checked_sub(1).filter(|&p| p >= first);
    if let Some(a) = prev.and_then(|p| relative_antecedent(doc, actors, first, p, v)) {
        return Some(with_apposition(doc, actors, a));
    }
    // the verb matched only without its و/ف
    let conj = verbs().cands(&doc.toks[v], 1).next().is_none();
    let comma = prev.is_some_and(|p| matches!(doc.surface(p), "،" | ","));
    let opens = conj
        || prev.is_some_and(|p| {
            doc.toks[p].is_punct() || that().joiner.contains(&doc.toks[p].norm.as_str())
        });
    if !opens {
        return subject_before(doc, actors, speeches, first, v, false);
    }
    // a clause joined to a speech before it in the sentence goes on with its speaker (قال
    // بومبيو إنه …، كما أشار إلى أن)
    if let Some(s) = speeches
        .iter()
        .rev()
        .find(|s| s.verb_tok >= first && s.verb_tok < v)
    {
        return s.speaker.clone();
    }
    // the name the commas of an apposition close (المدير السابق …، جيمس كومي، كشف أن)
    if comma {
        if let Some(a) = actors.iter().find(|a| {
            a.last + 2 == v
                && a.first >= first
                && a.is_person_like()
                && !a.is_place()
                && !addressed(doc, a)
                && !(a.first > first && is_preposition(&doc.toks[a.first - 1].norm))
        }) {
            return Some(Participant::of(doc, a));
        }
    }
    subject_before(doc, actors, speeches, first, v, true)
}

/// The person or body a relative pronoun at `p` refers to when the verb at `v` after it agrees
/// with it (التي تقول، الذي قال، الذين قالوا): the actor just before it (a comma between).
fn relative_antecedent<'a>(
    doc: &Doc,
    actors: &'a [Actor],
    first: usize,
    p: usize,
    v: usize,
) -> Option<&'a Actor> {
    let g = match doc.toks[p].norm.as_str() {
        "التي" => Gender::Fem,
        "الذي" => Gender::Masc,
        "الذين" => Gender::Plural,
        _ => return None,
    };
    if gender_of(&doc.toks[v].norm) != g {
        return None;
    }
    let mut e = p.checked_sub(1)?;
    if e > first && matches!(doc.surface(e), "،" | ",") {
        e -= 1;
    }
    actors
        .iter()
        .find(|a| a.last == e && a.first >= first && a.is_person_like() && !a.prep)
}

/// Index of the last-speaker slot of a gender.
fn gidx(g: Gender) -> usize {
    match g {
        Gender::Masc => 0,
        Gender::Fem => 1,
        Gender::Plural => 2,
    }
}

/// A quotation before its speaker is settled: `carry` when, the passage not saying who
/// speaks here, the last speaker of the gender (or, without a verb, the last speaker) does.
struct Found {
    quote: Quote,
    gender: Option<Gender>,
    carry: bool,
}

/// The speaker of a participle at `v` (مؤكدا أن، قائلا:): the speaker of the speech before it
/// in its sentence, else the sentence's subject before it (وعلقت شيرين على صورها قائلة).
/// `Err(())` when a speech before it has no speaker yet (it is carried later).
fn participle_speaker(
    doc: &Doc,
    actors: &[Actor],
    speeches: &[Speech],
    first: usize,
    v: usize,
) -> Result<Option<Participant>, ()> {
    if let Some(s) = speeches
        .iter()
        .rev()
        .find(|s| s.verb_tok >= first && s.verb_tok < v)
    {
        return s.speaker.clone().map(Some).ok_or(());
    }
    // the subject after the sentence's verb of speech (ويقول متظاهر شاب "…" مضيفا؛ وكشف
    // زوكربيرغ عن اتخاذ "خطوتين"، قائلا)
    if let Some(k) = (first..v).find(|&k| speech_at(doc, k).is_some_and(|x| !x.part)) {
        let stop = (k + 1..v)
            .find(|&j| is_mark(doc, j) || doc.surface(j) == ":")
            .unwrap_or(v);
        if let Some(p) = verb_subject(doc, actors, first, k, stop) {
            // the subject is the name after the verb with its apposition or one word more
            // (ويقول متظاهر شاب), not the object that follows it (نفى فؤاد كل ما نسب إليه)
            let a = actors
                .iter()
                .find(|a| a.first == k + 1 && a.can_speak() && !addressed(doc, a));
            let over = a.map_or(0, |a| {
                let e = doc.toks.partition_point(|t| t.end <= p.end);
                e.saturating_sub(a.last + 1)
            });
            return Ok(Some(match a {
                Some(a) if over > 1 && !matches!(doc.surface(a.last + 1), "،" | ",") => {
                    with_apposition(doc, actors, a)
                }
                _ => p,
            }));
        }
    }
    Ok(subject_before(doc, actors, speeches, first, v, true))
}

/// All quotations of a text, in order.
pub(crate) fn find(doc: &Doc, actors: &[Actor]) -> Vec<Quote> {
    let mut speeches: Vec<Speech> = Vec::new();
    let n = doc.toks.len();
    let words = that();
    let actor_at = |i: usize| actors.iter().find(|a| a.first == i);
    for &(first, end) in &doc.sent_toks {
        let mut i = first;
        while i < end {
            let Some(verb) = speech_at(doc, i) else {
                i += 1;
                continue;
            };
            let gender = gender_of(&doc.toks[i].norm);
            // A following subject, then أن/إن within a few words.
            let mut j = i + 1;
            let mut speaker: Option<Participant> = None;
            let mut that = None;
            // words of a relative clause about the speaker, not counted in the subject's length
            let mut skipped = 0;
            while j < end && j <= i + MAX_SUBJECT_WORDS + skipped {
                let t = &doc.toks[j];
                if is_that(&t.norm) {
                    that = Some(j);
                    break;
                }
                // a name in marks inside the subject or setting (مصادر "سكاي نيوز عربية" أن)
                if is_mark(doc, j) && doc.surface(j - 1) != ":" {
                    match (j + 2..end.min(j + 6)).find(|&k| is_mark(doc, k)) {
                        Some(k) => {
                            j = k + 1;
                            continue;
                        }
                        None => break,
                    }
                }
                // وقال المرصد، الذي يتخذ من بريطانيا مقرا له، إن: over the relative clause
                if words.relative.contains(&t.norm.as_str())
                    && matches!(doc.surface(j - 1), "،" | ",")
                {
                    if let Some(k) = (j + 1..end.min(j + 1 + MAX_SUBJECT_WORDS))
                        .find(|&k| matches!(doc.surface(k), "،" | ","))
                    {
                        skipped += k + 1 - j;
                        j = k + 1;
                        continue;
                    }
                }
                if t.is_punct()
                    && !matches!(doc.surface(j), "،" | "," | ":" | "/")
                    && !in_word(doc, j)
                    || speech_at(doc, j).is_some()
                {
                    break;
                }
                if speaker.is_none() {
                    if let Some(a) = actor_at(j).filter(|a| a.can_speak() && !addressed(doc, a)) {
                        speaker = Some(Participant::of(doc, a));
                        j = a.last + 1;
                        continue;
                    }
                }
                j += 1;
            }
            let Some(that) = that else {
                i += 1;
                continue;
            };
            // يذكر أن، يشار إلى أن: the writer's background, not speech
            let bare = (i + 1..that).all(|k| matches!(doc.toks[k].norm.as_str(), "الي" | "ايضا"));
            if bare && words.background.contains(&without_conj(&doc.toks[i].norm)) {
                i += 1;
                continue;
            }
            let participle = verb.part;
            if participle {
                // A participle (مؤكدا، مضيفا) shares the subject of its sentence.
                speaker = participle_speaker(doc, actors, &speeches, first, i).unwrap_or(None);
            } else if let Some(p) = verb_subject(doc, actors, first, i, that) {
                speaker = Some(p);
            }
            if speaker.is_none() && !verb.cont && !participle {
                // the subject before the verb in this sentence (موسكو تؤكد أن)
                speaker = clause_subject(doc, actors, &speeches, first, i);
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
                speeches.push(Speech {
                    verb_tok: i,
                    that,
                    gender,
                    content: (c0, c1),
                    speaker,
                    deny: verb.deny,
                });
            }
            i = that + 1;
        }
    }
    let spans = direct_spans(doc);
    // Reported speech that opens with marks holds what they close, in the next sentence too
    // (وأضاف أنه "بعد ثلاثين دقيقة، حدث التابع الأول. وساد القلق").
    for s in &mut speeches {
        // marks opened inside it and closed after its sentence hold the rest (وقال عباس إن
        // مشروع إقامة إسرائيل "مشروع استعماري …. يجب أن نتعايش معهم")
        if let Some(&(_, c)) = spans.iter().find(|&&(o, c)| {
            c > s.content.1
                && (o == s.that + 1 || (o > s.that && o <= s.content.1 && c < n && is_mark(doc, c)))
        }) {
            s.content.1 = if c < n && is_mark(doc, c) { c } else { c - 1 };
        }
    }
    // What a quotation in marks says holds no reported speech of its own (“… أكد أن …”): marks
    // closed in their paragraph around a sentence, not a stray mark running on.
    speeches.retain(|s| {
        !spans.iter().any(|&(o, c)| {
            o < s.verb_tok && s.verb_tok < c && c < n && is_mark(doc, c) && c - o > 4
        })
    });
    // A speech ends where the next speech of its sentence begins (قال إن …، مضيفا أن …), the
    // words that join them off (كما، قبل أن).
    for k in 1..speeches.len() {
        let next = speeches[k].verb_tok;
        let s = &mut speeches[k - 1];
        // only a verb that opens a clause of its own (، مضيفا أن; وقال إن; كما أشار), not one
        // after its subject inside what is said (إن تقارير أشارت إلى أن)
        let opens = next > 0
            && (doc.toks[next - 1].is_punct()
                || words.joiner.contains(&doc.toks[next - 1].norm.as_str())
                // إلا أنه قال إنها، غير أنه أكد أن
                || (next > 1
                    && is_that(&doc.toks[next - 1].norm)
                    && matches!(doc.toks[next - 2].norm.as_str(), "الا" | "غير"))
                || doc.toks[next].norm.starts_with('و')
                || speech_at(doc, next).is_some_and(|v| v.part));
        if opens && s.content.0 < next && next <= s.content.1 {
            let mut c1 = next - 1;
            while c1 > s.content.0
                && ((doc.toks[c1].is_punct() && !matches!(doc.surface(c1), "”" | "»" | "\""))
                    || words.joiner.contains(&doc.toks[c1].norm.as_str()))
            {
                c1 -= 1;
            }
            s.content.1 = c1;
        }
    }
    for k in 0..speeches.len() {
        let Some(next) = speeches.get(k + MAX_NESTED_SPEECHES).map(|s| s.verb_tok) else {
            break;
        };
        let s = &mut speeches[k];
        if s.content.0 < next && next <= s.content.1 {
            s.content.1 = next - 1;
        }
    }
    let mut found: Vec<Found> = speeches
        .iter()
        .map(|s| {
            let (c0, c1) = s.content;
            Found {
                carry: s.speaker.is_none(),
                gender: Some(s.gender),
                quote: Quote {
                    text: doc.slice(c0, c1).to_string(),
                    start: doc.toks[c0].start,
                    end: doc.toks[c1].end,
                    kind: QuoteKind::Reported,
                    speaker: s.speaker.clone(),
                    verb: Some(doc.surface(s.verb_tok).to_string()),
                    denial: s.deny,
                    sentence: doc.tok_sent[s.verb_tok],
                },
            }
        })
        .collect();
    for &(o, c) in &spans {
        let (q0, q1) = (o + 1, c - 1);
        if q1 < q0 || q1 >= n {
            continue;
        }
        let sent = doc.tok_sent[q0];
        let (sent_first, sent_end) = doc.sent_toks[sent];
        // words as written between spaces (سي.آي.إي.أس is one)
        let words = (q0..=q1)
            .filter(|&k| !doc.toks[k].is_punct() && (k == q0 || !doc.gap_after(k - 1).is_empty()))
            .count();
        let after_colon = o > 0 && doc.surface(o - 1) == ":";
        // One or two words in marks are a name or a term unless a colon opens them (قال: «كفى»).
        if words <= 2 && !after_colon {
            continue;
        }
        // Marks between a verb of speech and its أن/إن hold a name in its subject or setting
        // (أفادت وكالة الأنباء السورية "سانا" أن، قال لـ"العربية.نت" إن).
        if speeches
            .iter()
            .any(|s| s.verb_tok < o && c < s.that && doc.tok_sent[s.verb_tok] == sent)
        {
            continue;
        }
        // The verb of speech nearest before the marks (its subject between; after a colon at any
        // distance in the sentence: وقال ألبا بعدما صنع هدفين …، الأحد: "…") or just after them.
        let near_verb = |lo: usize| {
            (lo.max(sent_first)..o)
                .rev()
                .take_while(|&k| after_colon || k + MAX_SUBJECT_WORDS >= o)
                .find(|&k| speech_at(doc, k).is_some())
                .or_else(|| (c + 1..sent_end.min(c + 4)).find(|&k| speech_at(doc, k).is_some()))
        };
        // Direct speech inside reported speech is part of it (قال إن الاتفاق “إقرار واضح”):
        // one quotation, unless a verb of speech inside the clause opens it, with a colon or at
        // once (قالوا إن الصحفي سأل الوزير: “…”؛ وأضاف “…”).
        let inside = speeches
            .iter()
            .rfind(|s| s.content.0 <= q0 && q1 <= s.content.1);
        let v = match inside {
            Some(s) => {
                match near_verb(s.content.0).filter(|&v| v < o && (after_colon || o - v <= 3)) {
                    Some(v) => Some(v),
                    None => continue,
                }
            }
            None => near_verb(sent_first),
        };
        let (speaker, gender, carry) = if let Some(v) = v {
            let g = gender_of(&doc.toks[v].norm);
            let sp = if speech_at(doc, v).is_some_and(|x| x.part) {
                participle_speaker(doc, actors, &speeches, sent_first, v)
            } else {
                Ok((v < o)
                    .then(|| verb_subject(doc, actors, sent_first, v, o))
                    .flatten()
                    .or_else(|| {
                        actors
                            .iter()
                            .filter(|a| {
                                a.first > v
                                    && a.first <= v + 3
                                    && (v > c || a.last < o)
                                    && a.can_speak()
                                    && !addressed(doc, a)
                            })
                            .map(|a| Participant::of(doc, a))
                            .next()
                    })
                    .or_else(|| {
                        (!speech_at(doc, v).is_some_and(|x| x.cont))
                            .then(|| clause_subject(doc, actors, &speeches, sent_first, v))?
                    }))
            };
            let carry = !matches!(sp, Ok(Some(_)));
            (sp.unwrap_or(None), Some(g), carry)
        } else if o == sent_first && words >= 4 || words >= MIN_UNATTRIBUTED_WORDS {
            // a paragraph in marks goes on with the last speaker's words; a sentence in marks
            // with no verb of speech near is still speech, the passage's last speaker's
            (None, None, true)
        } else {
            // marks outside any speech: a title or a term, not a quotation
            continue;
        };
        let verb = v.map(|v| doc.surface(v).to_string());
        let deny = v.is_some_and(|v| verb_of_tok(&doc.toks[v]).is_some_and(|x| x.deny));
        found.push(Found {
            carry,
            gender,
            quote: Quote {
                text: doc.slice(q0, q1).to_string(),
                start: doc.toks[q0].start,
                end: doc.toks[q1].end,
                kind: QuoteKind::Direct,
                speaker,
                verb,
                denial: deny,
                sentence: sent,
            },
        });
    }
    found.sort_by_key(|f| (f.quote.start, f.quote.end));
    // In the order of the text, a speech whose speaker is not written is the last speaker's of
    // its gender (a masculine وأضاف continues a man, not موسكو تؤكد; وقال إنه …).
    let mut last: [Option<Participant>; 3] = [None, None, None];
    let mut last_any: Option<Participant> = None;
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        let mut q = f.quote;
        if q.speaker.is_none() && f.carry {
            q.speaker = match f.gender {
                Some(g) => last[gidx(g)].clone(),
                None => last_any.clone(),
            }
            // no one spoke before: the subject of the nearest sentence before that has one
            // (أعرب الفنان عبدالرب إدريس عن سعادته. وقال في حديثه: "…")
            .or_else(|| {
                (0..q.sentence).rev().find_map(|k| {
                    let (s0, s1) = doc.sent_toks[k];
                    subject_before(doc, actors, &speeches, s0, s1, true)
                })
            });
        }
        // وقال البيان: the statement's issuer when the passage names it (بيان صادر عن الأسطول)
        // (else وقالت وايت في بيان … وأضاف البيان: who spoke in the statement before)
        if let Some(p) = q
            .speaker
            .as_ref()
            .and_then(|sp| bare_statement(doc, sp))
            .and_then(|p| {
                issuer_before(doc, actors, p).or_else(|| speaker_in_statement(doc, &out, p))
            })
        {
            q.speaker = Some(p);
        }
        if let Some(sp) = &q.speaker {
            let g = match f.gender {
                // a place speaks as a feminine (موسكو تؤكد)
                Some(Gender::Masc) if sp.kind == ParticipantKind::Place => Some(Gender::Fem),
                g => g,
            };
            if let Some(g) = g {
                last[gidx(g)] = Some(sp.clone());
            }
            last_any = Some(sp.clone());
        }
        out.push(q);
    }
    out
}

/// Whether a noun is in `list` with or without the article or a pronoun (بيان، البيان، بيانه،
/// بيانها).
fn noun_in(norm: &str, list: &[&str]) -> bool {
    let n = norm.strip_prefix("ال").unwrap_or(norm);
    [
        n,
        n.strip_suffix("ها").unwrap_or(n),
        n.strip_suffix('ه').unwrap_or(n),
    ]
    .iter()
    .any(|n| list.contains(n))
}

/// The token of a speaker that is only a statement (وقال البيان، وأضاف التقرير).
fn bare_statement(doc: &Doc, sp: &Participant) -> Option<usize> {
    let w = that();
    let p = doc.toks.iter().position(|t| t.start == sp.start)?;
    let bare = doc.toks[p].end == sp.end && {
        let n = doc.toks[p].norm.as_str();
        n.strip_prefix("ال")
            .is_some_and(|m| w.statement.contains(&m))
    };
    bare.then_some(p)
}

/// For a bare statement at token `p`, the speaker of the quotation (in `out`, found before)
/// whose sentence said it was made in a statement (وقالت وايت في بيان صدر في واشنطن …
/// وأضاف البيان): the nearest `في بيان/البيان/بيانه/بيانها` before `p`.
fn speaker_in_statement(doc: &Doc, out: &[Quote], p: usize) -> Option<Participant> {
    let w = that();
    let k = (1..p).rev().find(|&k| {
        doc.toks[k - 1].norm.as_str() == "في" && noun_in(&doc.toks[k].norm, &w.statement)
    })?;
    let s = doc.tok_sent[k];
    out.iter().rev().find(|q| q.sentence == s)?.speaker.clone()
}

/// The issuer named before in the text for a speaker that is only a statement at token `p`:
/// the words after the last `بيان (صادر) عن X` before it.
fn issuer_before(doc: &Doc, actors: &[Actor], p: usize) -> Option<Participant> {
    let w = that();
    let is = |k: usize, l: &[&str]| {
        doc.toks
            .get(k)
            .is_some_and(|t| l.contains(&t.norm.as_str()))
    };
    let k = (1..p)
        .rev()
        .find(|&k| is(k, &w.statement) && (is(k + 1, &w.issued) || is(k + 1, &w.issuer)))?;
    // the issuer ends where what it says begins (وقال بيان صادر عن الفريق القانوني إن …)
    let end = doc.sent_toks[doc.tok_sent[k]].1;
    let stop = (k + 1..end)
        .find(|&j| is_that(&doc.toks[j].norm))
        .unwrap_or(end);
    let (s0, s1) = subject_between(doc, actors, k - 1, stop)?;
    // بيان صدر في واشنطن: a participle with no issuer after it names none
    (s0 > k && !is(s0, &w.issued)).then(|| participant_over(doc, actors, s0, s1))
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
    let is_setting_noun = |k: usize| noun_in(&doc.toks[k].norm, &w.setting_noun);
    let mut first = (verb + 1..that).find(|&k| !doc.toks[k].is_punct())?;
    let mut last = None;
    let mut open_mark = false;
    for k in first..that {
        let t = &doc.toks[k];
        if t.is_punct() {
            if matches!(doc.surface(k), "،" | ",") {
                continue;
            }
            if is_mark(doc, k) {
                // marks that open what follows the verb and do not close on a name are what was
                // said, not its speaker (وتضيف "سجل بعض التخوف إذ …)
                if last.is_none()
                    && !open_mark
                    && !(k + 2..that.min(k + 6)).any(|c| is_mark(doc, c))
                {
                    return None;
                }
                // a name in marks is part of the subject (صحيفة "ذي ناشونال"), its marks with it
                if open_mark {
                    last = Some(k);
                }
                open_mark = !open_mark;
                continue;
            }
            // a hyphen inside a name (كيم كاي-غوان)
            if last.is_some() && in_word(doc, k) {
                continue;
            }
            break;
        }
        let n = t.norm.as_str();
        // أن/إن is what was said beginning, a handle (@AAlshareey) follows the name it belongs to
        if is_that(n) || doc.surface(k).starts_with('@') {
            break;
        }
        // a word with the ل of the one spoken to after a person's name ends the subject (وقال
        // عباس لمئات المندوبين إن؛ وقال نتانياهو لدبلوماسيين أجانب)
        if k > first && n.starts_with('ل') && ends_name(actors, k - 1) {
            break;
        }
        // after a role, an indefinite word with ل that names no one (وأكد الرئيس لأعضاء المجلس)
        if k > first
            && n.starts_with('ل')
            && !n.starts_with("لل")
            && n.chars().count() > 3
            && without_conj(&doc.toks[k - 1].norm).starts_with("ال")
            && actors.iter().any(|a| a.last == k - 1)
            && !actors.iter().any(|a| a.first == k)
        {
            break;
        }
        let prev = doc.toks[k - 1].norm.as_str();
        let issuer =
            w.issuer.contains(&n) && (w.statement.contains(&prev) || w.issued.contains(&prev));
        // علي with its ي is a name (رئيس مجلس النواب، علي عبد العال), على is a preposition.
        let name_ali = n == "علي" && t.is_word() && doc.surface(k).ends_with('ي');
        // مصدر مطلع على التحقيق، عدد من المسؤولين، أحد الأتراك من مستخدمي تويتر
        let governed = matches!(n, "علي" | "من" | "عن")
            && [1, 2].iter().any(|&b| {
                k >= first + b && w.governs.contains(&without_conj(&doc.toks[k - b].norm))
            });
        if !issuer && !name_ali && !governed && w.setting_end.contains(&n)
            || is_time_word(n)
            || (n == "في" && k + 1 < that && (is_setting_noun(k + 1) || place_at(k + 1)))
            || speech_at(doc, k).is_some()
        {
            break;
        }
        last = Some(k);
    }
    let last = last?;
    if w.statement.contains(&doc.toks[first].norm.as_str()) && first < last {
        // بيان (صادر) عن المجلس، بيان الحرس الوطني، تقرير حديث أصدرته الوكالة: the issuer speaks.
        let is = |k: usize, l: &[&str]| l.contains(&doc.toks[k].norm.as_str());
        first = (first + 1..last)
            .find(|&k| is(k, &w.issued))
            .map_or(first + 1, |k| k + 1);
        if first < last && is(first, &w.issuer) {
            first += 1;
        }
    }
    (last + 1 - first <= MAX_SUBJECT_WORDS).then_some((first, last))
}

/// Whether token `k` is a hyphen inside a word, no space on either side (كاي-غوان).
fn in_word(doc: &Doc, k: usize) -> bool {
    k > 0 && doc.surface(k) == "-" && doc.gap_after(k - 1).is_empty() && doc.gap_after(k).is_empty()
}

/// Whether a person's name (a name the NER model found, or the name after a title) ends at
/// token `k`.
fn ends_name(actors: &[Actor], k: usize) -> bool {
    actors
        .iter()
        .any(|a| a.last == k && (a.is_named_person() || a.name.is_some()))
}

/// [`subject_between`] as a participant: its words, with the kind (and the person's name) of
/// the name or role found inside it.
fn subject_participant(
    doc: &Doc,
    actors: &[Actor],
    verb: usize,
    that: usize,
) -> Option<Participant> {
    // نقلت الوكالة عن مصدر عسكري أن، وذكرت أنترفاكس نقلا عن هيئة الطيران أن: the source after
    // عن speaks, not the one who passes it on.
    let is = |k: usize, w: &str| doc.toks.get(k).is_some_and(|t| t.norm.as_str() == w);
    let from = (without_conj(&doc.toks[verb].norm).starts_with("نقل"))
        .then(|| (verb + 1..that).find(|&k| is(k, "عن")))
        .flatten()
        .or_else(|| (verb + 1..that).find(|&k| is(k - 1, "نقلا") && is(k, "عن")))
        // وجاء في بيان الوزارة أن: the statement after في.
        .unwrap_or(if said_in_at(doc, verb) {
            verb + 1
        } else {
            verb
        });
    let (s0, s1) = subject_between(doc, actors, from, that)?;
    Some(participant_over(doc, actors, s0, s1))
}

/// The words `s0..=s1` as a participant, with the kind (and the person's name) of the name or
/// role found inside them.
fn participant_over(doc: &Doc, actors: &[Actor], s0: usize, s1: usize) -> Participant {
    // a person named inside speaks for the words (الرئيس الأمريكي، دونالد ترامب), else the
    // first name or role
    let within = |a: &&Actor| a.first >= s0 && a.last <= s1 && a.can_speak();
    let inner = actors
        .iter()
        .filter(within)
        .find(|a| a.is_named_person() || a.name.is_some())
        .or_else(|| actors.iter().find(within));
    Participant {
        text: doc.slice(s0, s1).to_string(),
        start: doc.toks[s0].start,
        end: doc.toks[s1].end,
        // a place among other words is not what speaks (مدافع إيطاليا السابق)
        kind: inner
            .filter(|a| !a.is_place() || (a.first, a.last) == (s0, s1))
            .map_or(ParticipantKind::Misc, |a| a.class),
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

/// The subject of the verb of speech at `verb` (in the sentence that starts at `first`, its
/// أن/إن or marks at `that`): written between كان and قد before it (وكان السفير قد قال في وقت
/// سابق إن: what follows the verb is then its setting), else the whole subject between the
/// verb and أن/إن, over the name or role found in it.
fn verb_subject(
    doc: &Doc,
    actors: &[Actor],
    first: usize,
    verb: usize,
    that: usize,
) -> Option<Participant> {
    kana_subject(doc, actors, first, verb).or_else(|| subject_participant(doc, actors, verb, that))
}

/// Whether a name is the one spoken to, not the speaker: governed by a preposition (للشرطة) or
/// by the ل of the setting (قال لرويترز، أضاف لصحيفة فاينانشيال تايمز).
fn addressed(doc: &Doc, a: &Actor) -> bool {
    let n = without_conj(&doc.toks[a.first].norm);
    a.prep || (n.starts_with('ل') && that().setting_end.contains(&n)) || after_preposition(doc, a)
}

/// Whether a word is a preposition written on its own (من، في، عن، إلى، على، مع، بين، حول).
fn is_preposition(norm: &str) -> bool {
    matches!(
        norm,
        "من" | "في" | "عن" | "الي" | "علي" | "مع" | "بين" | "حول" | "ضد" | "لدي"
    )
}

/// Whether a preposition written as a word of its own governs an actor (وأضاف عن أنريكي أنه،
/// تحدث مع الرئيس): على as written, not the name علي.
fn after_preposition(doc: &Doc, a: &Actor) -> bool {
    let Some(p) = a.first.checked_sub(1) else {
        return false;
    };
    match doc.toks[p].norm.as_str() {
        "عن" | "الي" | "مع" | "حول" | "ضد" | "لدي" => true,
        "علي" => doc.surface(p).ends_with('ى'),
        _ => false,
    }
}

/// The subject of `وكان X قد قال` (كان, the subject, قد, the verb of speech at `verb`), within
/// the sentence that starts at token `first`; commas of an apposition inside it (وكان عادل
/// الجبير، وزير الخارجية السعودي، قد قال).
fn kana_subject(doc: &Doc, actors: &[Actor], first: usize, verb: usize) -> Option<Participant> {
    let qad = verb
        .checked_sub(1)
        .filter(|&q| q > first && doc.toks[q].norm.as_str() == "قد")?;
    let kana = (first..qad)
        .rev()
        .take(MAX_SUBJECT_WORDS + 1)
        .find(|&k| matches!(without_conj(&doc.toks[k].norm), "كان" | "كانت" | "كانوا"))?;
    let comma = |k: usize| matches!(doc.surface(k), "،" | ",");
    let (s0, mut s1) = (kana + 1, qad - 1);
    if s1 < s0 {
        // X كان قد أعلن: the words before كان in its clause, after أن or the sentence's start
        // (يذكر أن الحزب الحاكم في الصين كان قد أعلن أن), a name or role among them
        let s0 = (first..kana)
            .rev()
            .find(|&k| doc.toks[k].is_punct() || is_that(&doc.toks[k].norm))
            .map_or(first, |k| k + 1);
        let named = actors
            .iter()
            .any(|a| a.first >= s0 && a.last < kana && a.can_speak() && !a.prep);
        if s0 >= kana || kana - s0 > 5 || !named {
            return None;
        }
        return Some(participant_over(doc, actors, s0, kana - 1));
    }
    while s1 > s0 && comma(s1) {
        s1 -= 1;
    }
    // a name in marks is part of it (وكانت مجلة "الطائرة" قد قالت)
    if (s0..=s1).any(|k| doc.toks[k].is_punct() && !comma(k) && !is_mark(doc, k)) || comma(s0) {
        return None;
    }
    Some(participant_over(doc, actors, s0, s1))
}

/// The fewest words in marks that are a quotation with no verb of speech near them (fewer are
/// as a rule a title or a name: «مجموعة رولز رويس البريطانية»).
const MIN_UNATTRIBUTED_WORDS: usize = 6;

/// The most reported speeches a word may be inside (قال إن … أكد أن … أشار إلى أن …, each
/// running to the end of the sentence): a speech that would hold this many others ends before
/// the verb of the last of them. The quotations of a text then stay a small multiple of its
/// length, and the quotations of a text stay a small multiple of its length
/// (a sentence of verbs of speech repeated without punctuation made quotations that grew
/// with the square of its length).
pub const MAX_NESTED_SPEECHES: usize = 4;

/// The longest subject [`subject_between`] takes (title, name and apposition).
const MAX_SUBJECT_WORDS: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(t: &str) -> Vec<Quote> {
        let doc = Doc::new(t);
        let actors = crate::roles::find(&doc, &[]);
        find(&doc, &actors)
    }

    /// The quotations with the names NER would find given as mentions (person names,
    /// `!`-prefixed organisations, `^`-prefixed places).
    fn quotes_with(t: &str, names: &[&str]) -> Vec<Quote> {
        let doc = Doc::new(t);
        let actors = crate::roles::find_with_names(&doc, names);
        find(&doc, &actors)
    }

    /// The speakers of all quotations, in order (`-` for none).
    fn speakers_with(t: &str, names: &[&str]) -> Vec<String> {
        quotes_with(t, names)
            .iter()
            .map(|q| q.speaker.as_ref().map_or("-".into(), |s| s.text.clone()))
            .collect()
    }

    /// `n` reported speeches in one sentence, each inside the one before (no mark between).
    fn nested_speeches(n: usize) -> String {
        let mut t = "قال الوزير إن الحكومة ".repeat(n);
        t.push_str("ستعمل على خفض الأسعار.");
        t
    }

    #[test]
    fn reported_speeches_nest_up_to_the_limit_and_the_next_one_ends_the_first() {
        let t = nested_speeches(MAX_NESTED_SPEECHES);
        let q = quotes(&t);
        assert_eq!(q.len(), MAX_NESTED_SPEECHES, "{q:?}");
        // the last word is inside every speech
        assert!(q.iter().all(|q| q.text.ends_with("الأسعار")), "{q:?}");
        let t = nested_speeches(MAX_NESTED_SPEECHES + 1);
        let q = quotes(&t);
        assert_eq!(q.len(), MAX_NESTED_SPEECHES + 1, "{q:?}");
        // the first speech ends before the verb of the last one; the others run on
        let last_verb = t.rfind("قال").unwrap();
        assert_eq!(q[0].end, last_verb - 1, "{q:?}");
        assert_eq!(q[0].text, t[q[0].start..q[0].end]);
        assert!(q[1..].iter().all(|q| q.text.ends_with("الأسعار")), "{q:?}");
    }

    #[test]
    fn a_sentence_of_verbs_of_speech_quotes_a_small_multiple_of_its_length() {
        // the sentence is cut at khabar_text::MAX_SENTENCE_TOKENS, every word inside at most
        // MAX_NESTED_SPEECHES speeches
        let t = nested_speeches(2000);
        let q = quotes(&t);
        assert!(q.len() > 1000, "{}", q.len());
        let quoted: usize = q.iter().map(|q| q.text.len()).sum();
        assert!(
            quoted <= MAX_NESTED_SPEECHES * t.len(),
            "{quoted} of {}",
            t.len()
        );
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
    fn the_subject_between_kana_and_qad_speaks() {
        assert_eq!(
            speaker("وكان وزير الخارجية الفرنسي قد صرح الأسبوع الماضي بأن بلاده تدعم الحل السياسي."),
            "وزير الخارجية الفرنسي"
        );
        assert_eq!(
            speaker(
                "وكان سامح شكري، وزير الخارجية المصري، قد قال عنه \"إنه شريك موثوق في المنطقة\"."
            ),
            "سامح شكري، وزير الخارجية المصري"
        );
    }

    #[test]
    fn a_preposition_governed_by_the_subject_is_part_of_it() {
        assert_eq!(
            speaker(
                "وقال مصدر مطلع على المفاوضات لوكالة فرانس برس إن الجولة المقبلة ستعقد في جنيف."
            ),
            "مصدر مطلع على المفاوضات"
        );
        assert_eq!(
            speaker("وقال عدد من سكان الحي إن القصف استمر حتى الفجر."),
            "عدد من سكان الحي"
        );
    }

    #[test]
    fn a_statement_speaks_for_who_issued_it() {
        // the issuer ends at إن
        let q = quotes("وقال بيان صادر عن الهلال الأحمر إن فرقه أجلت عشرات الجرحى. وأضاف البيان أن عمليات الإجلاء مستمرة منذ الصباح.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[1].speaker.as_ref().unwrap().text, "الهلال الأحمر");
        // قال X في بيان … وأضاف البيان
        let q = quotes("وقالت الوزارة في بيان صدر في الرياض إن الاجتماع ناقش الأوضاع الإقليمية. وأضاف البيان أن الجانبين اتفقا على مواصلة التنسيق.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[1].speaker.as_ref().unwrap().text, "الوزارة");
    }

    #[test]
    fn the_one_spoken_to_is_not_the_speaker() {
        // لرويترز: the setting of the speech; the speaker is carried from the sentence before.
        let q = quotes("وقال المتحدث باسم الوزارة إن المحادثات مستمرة. وأضاف لرويترز \"لن نوقف الحوار مع جميع الأطراف في المنطقة\".");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[1].speaker.as_ref().unwrap().text, "المتحدث باسم الوزارة");
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
        // marks inside reported speech are part of it: one quotation (gold/README.md, `nested`)
        let q = quotes("وأكد رئيس كازاخستان الاثنين أن أعمال الشغب كانت “محاولة انقلاب”.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].speaker.as_ref().unwrap().text, "رئيس كازاخستان");
        let q = quotes("لم يترك الرئيس الروسي فلاديمير بوتين أي هامش، مؤكدا أن بلاده لن تسمح بـ”ثورات ملونة” جديدة.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].speaker.as_ref().unwrap().text.contains("بوتين"));
    }

    #[test]
    fn names_in_marks_are_not_quotations() {
        // a name in marks inside the subject or the setting of a speech
        let q = quotes(
            "وكشفت مصادر لـ\"سكاي نيوز عربية\"، أن المسلحين واجهوا انتفاضة السجناء بإطلاق النار.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].kind, QuoteKind::Reported);
        // one or two words in marks without a colon
        assert!(quotes("وقال الفنان عبر حسابه على \"تويتر\" كلاما كثيرا.").is_empty());
        // a colon opens even a short quotation
        assert_eq!(quotes("وقال المتظاهرون: «كفى».").len(), 1);
    }

    #[test]
    fn a_speech_ends_where_the_next_begins() {
        let q = quotes("وقال المدعي العام إن الحصيلة بلغت 24 قتيلا، مشيرا إلى أن 49 جريحا نقلوا إلى المستشفيات.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].text, "الحصيلة بلغت 24 قتيلا");
        assert_eq!(q[1].speaker.as_ref().unwrap().text, "المدعي العام");
        let q = quotes("وقالت الوزارة، في بيان، إن \"هذه المسرحية عمل استفزازي جديد\"، قبل أن تضيف \"نحن سعداء بأن هذا المواطن على قيد الحياة\".");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[1].kind, QuoteKind::Direct);
        assert_eq!(q[1].speaker.as_ref().unwrap().text, "الوزارة");
    }

    #[test]
    fn continuations_carry_the_speaker_of_direct_speech() {
        let q = quotes("وقال مصدر في الموقع المذكور: \"وجدا ضالتهما على ما يبدو في الهندسة\".\nوأضاف: \"يمكن وصفها بأنها صداقة مهنية\".");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(
            q[1].speaker.as_ref().unwrap().text,
            "مصدر في الموقع المذكور"
        );
        // a participle shares its sentence's subject
        let q = quotes("وعلق الوزير على القرار قائلا: \"لن نتراجع عن هذا القرار أبدا\".");
        assert_eq!(q[0].speaker.as_ref().unwrap().text, "الوزير");
    }

    #[test]
    fn a_relative_clause_and_a_statement_read_with_jaa() {
        assert_eq!(
            speaker("وقال المرصد السوري، الذي يتخذ من بريطانيا مقرا له، إنهما أول مدنيين يغادران الغوطة."),
            "المرصد السوري"
        );
        assert_eq!(
            speaker("وجاء في بيان صادر عن المستشفى \"نتقدم بأحر التعازي إلى عائلة الطفل\"."),
            "المستشفى"
        );
        assert_eq!(
            speaker("وجاء في بيان الوزارة، أنه تم تصنيف قاسم كإرهابي."),
            "الوزارة"
        );
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

    // Sentences written like those of the ANT development corpus (news of 2018).
    #[test]
    fn the_one_spoken_to_after_the_speaker_ends_it() {
        assert_eq!(
            speakers_with("وقال نتانياهو لدبلوماسيين أجانب خلال حفل استقبال في القدس إن ست دول تدرس نقل سفاراتها.", &["نتانياهو"]),
            ["نتانياهو"]
        );
        assert_eq!(
            speakers_with(
                "وأكد الساهر لجمهوره في الحفل أنه احتفل بخطبته فقط ولم يتزوج بعد.",
                &["الساهر"]
            ),
            ["الساهر"]
        );
        assert_eq!(
            speakers_with(
                "وأكد الرئيس لأعضاء المجلس الوطني أن بلاده لن تقبل بالاتفاق، في اجتماع في رام الله.",
                &["!رام الله"]
            ),
            ["الرئيس"]
        );
    }

    #[test]
    fn a_name_set_off_by_commas_belongs_to_the_subject() {
        assert_eq!(
            speakers_with(
                "دافع الرئيس الأمريكي، دونالد ترامب، عن المملكة مشيرا إلى أن الانتقادات تعد مبكرة.",
                &["دونالد ترامب"]
            ),
            ["الرئيس الأمريكي، دونالد ترامب"]
        );
        assert_eq!(
            speakers_with("في كتاب جديد نشره المدير السابق للمكتب، جيمس كومي، كشف خلاله أن ترامب طلب فتح تحقيق.", &["جيمس كومي"]),
            ["جيمس كومي"]
        );
    }

    #[test]
    fn a_clause_of_its_own_speaks_with_the_sentence_subject() {
        let s = speakers_with(
            "وعندما سئل الأمير محمد بن سلمان في المقابلة عما إذا كان خاشقجي يواجه تهما، قال إنه من المهم أولا معرفة مكانه.",
            &["محمد بن سلمان", "خاشقجي"],
        );
        assert_eq!(s, ["الأمير محمد بن سلمان"]);
        assert_eq!(
            speakers_with(
                "قال بومبيو إنه لا يريد التحدث عن أي حقائق، كما أشار إلى أن الرياض لم ترد ذلك.",
                &["بومبيو"]
            ),
            ["بومبيو", "بومبيو"]
        );
    }

    #[test]
    fn a_relative_pronoun_the_verb_agrees_with_names_the_speaker() {
        let s = speakers_with(
            "وقالت صحيفة نيويورك تايمز إن ترامب ناقش دفع أموال لعارضة الأزياء كارين مكدوغال، التي تقول إنها أقامت علاقة معه.",
            &["!نيويورك تايمز", "ترامب", "كارين مكدوغال"],
        );
        assert_eq!(s[1], "كارين مكدوغال");
    }

    #[test]
    fn the_subject_just_before_its_verb_speaks_inside_reported_speech() {
        let s = speakers_with(
            "وأعلن بومبيو أن الرياض قدمت التزاما، مضيفا أن المسؤولين السعوديين قالوا له إنهم سينتهون من التحقيق بسرعة.",
            &["بومبيو"],
        );
        assert_eq!(s.last().unwrap(), "المسؤولين السعوديين");
    }

    #[test]
    fn what_is_quoted_does_not_name_its_speaker() {
        let s = speakers_with(
            "وقال أكلينتر: \"خلال فترة عمله أثبت سوينغ نفسه كقائد قوي\".\nوأضاف: \"مجلس الإدارة مقتنع بأن سوينغ سيقود البنك بنجاح\".",
            &["أكلينتر", "سوينغ"],
        );
        assert_eq!(s, ["أكلينتر", "أكلينتر"]);
        let s = speakers_with(
            "وقال زوكربيرغ إن الشركة ستوثق الصفحات الكبيرة.\nوتابع بالقول: \"سنطلب أيضا من الأشخاص الذين يديرون صفحات كبيرة توثيقها\".",
            &["زوكربيرغ"],
        );
        assert_eq!(s, ["زوكربيرغ", "زوكربيرغ"]);
    }

    #[test]
    fn the_source_after_naqlan_an_speaks() {
        assert_eq!(
            speakers_with(
                "وذكرت وكالة إنترفاكس نقلا عن هيئة الطيران أن حريقا بسيطا اندلع في أحد المحركات.",
                &["!إنترفاكس"]
            ),
            ["هيئة الطيران"]
        );
    }

    #[test]
    fn the_writers_background_is_not_speech_but_what_it_tells_may_be() {
        let q = quotes_with(
            "يذكر أن الحزب الحاكم في الصين كان قد أعلن في وقت سابق أن مينغ رهن التحقيق.",
            &["^الصين", "مينغ"],
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(
            q[0].speaker.as_ref().map(|s| s.text.as_str()),
            Some("الحزب الحاكم في الصين"),
            "{q:?}"
        );
    }

    #[test]
    fn who_is_named_in_the_setting_does_not_speak() {
        let s = speakers_with(
            "وقال ليبتون إن الإصلاحات بحاجة إلى مزيد من التقدم.\nوعلق في بيان حصلت رويترز عليه قائلا: \"آن الأوان للاستفادة من استقرار الاقتصاد\".",
            &["ليبتون", "!رويترز"],
        );
        assert_eq!(s, ["ليبتون", "ليبتون"]);
    }

    #[test]
    fn the_words_after_a_name_that_are_not_it() {
        // a hyphen inside the name, a handle after it, a time word after a role
        assert_eq!(
            speakers_with(
                "وقال نائب وزير الخارجية كيم كاي-غوان في بيان إن بلاده لا تخفي نفورها.",
                &["كيم كاي-غوان"]
            ),
            ["نائب وزير الخارجية كيم كاي-غوان"]
        );
        assert_eq!(
            speakers_with("كما كتب أسعد الشرعي @AAlshareey \"طيران القطرية تحتل المرتبة الأولى كأفضل شركة طيران\".", &["أسعد الشرعي"]),
            ["أسعد الشرعي"]
        );
        assert_eq!(
            speaker("وكتب محرر آخر وقتها: \"التهديد الحقيقي هو المرأة التي تظن نفسها قادرة على قيادة الطائرات\"."),
            "محرر آخر"
        );
    }

    #[test]
    fn marks_inside_reported_speech_after_illa_annahu_are_part_of_it() {
        let q = quotes_with(
            "وحذر عباس من أنه قد يتخذ خطوات صعبة، إلا أنه قال إنها ستكون \"مهمة وبعيدة الأثر\".",
            &["عباس"],
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(q.iter().all(|q| q.kind == QuoteKind::Reported));
        assert!(q.iter().all(|q| q.speaker.as_ref().unwrap().text == "عباس"));
    }

    #[test]
    fn straight_marks_nest_and_an_acronym_is_one_word() {
        let q = quotes_with(
            "وقال القذافي: \"إن الفشل في دعوة ليبيا كان خطأ و\"تخبطا سياسيا\" لأنها آخر دولة تخلت عن برنامجها\".",
            &["القذافي"],
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].text.contains("\"تخبطا سياسيا\" لأنها"), "{q:?}");
        assert!(
            quotes("كشفت دراسة نشرها مرصد كرة القدم \"سي.آي.إي.أس\" عن ارتفاع قيمة اللاعب.")
                .is_empty()
        );
    }

    #[test]
    fn a_place_among_the_words_of_a_speaker_does_not_make_it_feminine() {
        let s = speakers_with(
            "وقال مدافع إيطاليا السابق بعد فوزه: \"لا أقول إنه لا يوجد ضغط في الفريق\". وأضاف: \"لكنني لا أشعر بأي ضغط\".",
            &["^إيطاليا"],
        );
        assert_eq!(s, ["مدافع إيطاليا السابق", "مدافع إيطاليا السابق"]);
    }

    #[test]
    fn the_noun_a_name_is_the_genitive_of_speaks_with_it() {
        assert_eq!(
            speakers_with(
                "لكن محامي جولي قال الثلاثاء إن بيت لا يدفع نفقة كافية لأطفاله.",
                &["جولي", "بيت"]
            ),
            ["محامي جولي"]
        );
        // a name after a preposition before the comma is not the subject
        assert_eq!(
            speakers_with("كما تعقبت الشرطة، السبت، عشرة أشخاص على الطرف الشمالي من الجزيرة، وقالت إنهم وصلوا على متن قارب.", &["!الجزيرة"]),
            ["الشرطة"]
        );
    }
}
