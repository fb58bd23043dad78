//! Word senses and contexts around a trigger: sports, idioms, weapons, PLOVER contexts.

use crate::doc::Doc;
use crate::lexicon::clitics::{listed, strip_prep, without_conj};
use crate::lexicon::dates::is_time_word;
use crate::lexicon::events::{contexts as context_words, event_words, sports, weapons, Trigger};
use crate::lexicon::roles::is_role_word;
use crate::ontology::{EventMode, EventType};

/// How many sport words tokens `a..b` hold.
pub(super) fn sports_score(doc: &Doc, a: usize, b: usize) -> usize {
    let set = sports();
    doc.toks[a..b]
        .iter()
        .filter(|t| t.is_word() && set.cands(t, 2).next().is_some())
        .count()
}

/// Idioms where a trigger word is not the act: هجوم لاذع (a verbal attack),
/// نشر تقرير (to publish), حالة الطوارئ الصحية …
pub(super) fn idiom(doc: &Doc, first: usize, last: usize, ty: EventType) -> bool {
    use EventType::{Assault, Protest};
    let words = event_words();
    let next = doc
        .toks
        .get(last + 1)
        .map(|t| t.norm.as_str())
        .unwrap_or("");
    let prev = first
        .checked_sub(1)
        .map(|p| doc.toks[p].norm.as_str())
        .unwrap_or("");
    let trig = without_conj(&doc.toks[first].norm);
    // A threat to kill is a threat, not a killing (تهديدات بالقتل).
    if ty == Assault && (prev.contains("تهديد") || prev.contains("هدد") || prev.ends_with("توعد"))
    {
        return true;
    }
    // خطف الأنظار: to steal the show; يفجر المشاكل: to spark problems; فجر اليوم: dawn.
    if ty == Assault && trig.contains("خطف") && words.show.iter().any(|w| next.contains(w)) {
        return true;
    }
    if ty == Assault
        && (trig.ends_with("فجر") || trig == "فجرا" || trig == "يفجر")
        && (words.blast_objects.iter().any(|o| next.ends_with(o))
            || (next.starts_with("ال") && !is_role_word(next))
            || is_time_word(next))
    {
        return true;
    }
    // أصابه في مقتل: a fatal blow, figuratively.
    if ty == Assault
        && trig == "مقتل"
        && prev == "في"
        && (next.starts_with('ب') || doc.toks.get(last + 1).is_none_or(|t| t.is_punct()))
    {
        return true;
    }
    // تظاهرة رياضية/ثقافية: a (Maghrebi) event, not a demonstration.
    if ty == Protest && words.festival.iter().any(|w| next.contains(w)) {
        return true;
    }
    // هجوم لاذع: a verbal (or cyber) attack.
    ty == Assault && words.verbal.contains(&next)
}

/// The ASSAULT mode named by a weapon in the sentence.
pub(super) fn weapon_mode(doc: &Doc, a: usize, b: usize) -> Option<EventMode> {
    let map = weapons();
    doc.toks[a..b]
        .iter()
        .find_map(|t| map.cands(t, 3).next().copied())
}

/// PLOVER contexts named in the sentence.
pub(super) fn contexts(doc: &Doc, a: usize, b: usize) -> Vec<String> {
    let map = context_words();
    let mut out: Vec<String> = Vec::new();
    for t in &doc.toks[a..b] {
        for &ctx in map.cands(t, 2) {
            if !out.iter().any(|o| o == ctx) {
                out.push(ctx.to_string());
            }
        }
    }
    // "حفظ السلام" is peacekeeping; السلام alone is not.
    if out.iter().any(|c| c == "peacekeeping")
        && !doc.toks[a..b]
            .windows(2)
            .any(|w| w[0].norm.ends_with("حفظ") && w[1].norm == "السلام")
    {
        out.retain(|c| c != "peacekeeping");
    }
    out
}

/// Whether a word, as written or without its conjunction or preposition
/// (للقمة، والاتفاق; وسط stays وسط), is in a list.
pub(super) fn in_list(list: &[&str], norm: &str) -> bool {
    listed(list, norm) || strip_prep(norm).is_some_and(|w| list.contains(&&*w))
}

/// A condition, an intention, an expectation or a demand before a trigger:
/// the act did not happen (إذا انسحبت واشنطن، في حال تعرضها لهجوم، تعتزم
/// مقاطعة، مستعد للانسحاب، من المتوقع حصول تظاهرات، للمطالبة باستقالة).
pub(super) fn unreal(doc: &Doc, first: usize, sent_start: usize) -> bool {
    let words = event_words();
    let from = first.saturating_sub(3).max(sent_start);
    (from..first).any(|k| in_list(&words.hypothetical, &doc.toks[k].norm))
        || (first.saturating_sub(2).max(sent_start)..first)
            .any(|k| in_list(&words.intent, &doc.toks[k].norm))
}

/// A charge, a threat or a sentence before the trigger: بتهمة القتل، هددته
/// بالقتل، دانتها بالقتل العمد، حكمت عليها بالإعدام.
pub(super) fn charged(doc: &Doc, first: usize, sent_start: usize) -> bool {
    let words = event_words();
    (first.saturating_sub(10).max(sent_start)..first).any(|k| {
        let n = doc.toks[k].norm.as_str();
        // اتهم، يتهم، تتهمه، متهم، تهمة، بتهم، اتهامات; a sentence: حكمت عليه، المحكمة
        in_list(&words.charges, n) || n.contains("تهم") || n.contains("اتهام") || n.contains("حكم")
    })
}

/// Whether a sentence tells an accident (a crash, a collapse, a flood) and no
/// attack or weapon: its dead are no ASSAULT.
pub(super) fn accident(doc: &Doc, a: usize, b: usize) -> bool {
    let words = event_words();
    let toks = &doc.toks[a..b];
    toks.iter().any(|t| in_list(&words.accidents, &t.norm))
        && !toks.iter().any(|t| {
            in_list(&words.attack_nouns, &t.norm) || weapons().cands(t, 3).next().is_some()
        })
}

/// A withdrawal from a conference, a summit or a deal, or its boycott
/// (انسحب من القمة، الانسحاب من الاتفاق النووي، مقاطعة منتدى): a REJECT.
pub(super) fn leaves_forum(doc: &Doc, last: usize, b: usize, t: &Trigger) -> bool {
    let leaving = (t.ty == EventType::Retreat && t.mode == Some(EventMode::Military))
        || (t.ty == EventType::Protest && t.mode == Some(EventMode::Boycott));
    leaving
        && (last + 1..(last + 5).min(b)).any(|k| in_list(&event_words().forums, &doc.toks[k].norm))
}
