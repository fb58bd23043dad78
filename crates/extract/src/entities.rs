//! Entities as things, not strings: the mentions of one article merged into
//! the people, places and organisations they name.
//!
//! فلاديمير بوتين، بوتين and (the name inside) الرئيس الروسي فلاديمير بوتين are
//! one person. Mentions are grouped per class: a mention joins an entity when
//! its word keys are a contiguous run of the entity's full name's keys (for
//! people, a single word must be the first or last name). The longest mention
//! names the entity; its keys are the canonical key. The English name comes
//! from the gazetteer when it knows the name or one of its mentions; a
//! romanization of the Arabic letters is given for every entity. The
//! reading's entity mentions carry all of it ([`crate::reading::EntityMention`]).

use crate::ner::{bundled_resources, EntityLabel, Mention};
use crate::vocab;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// One entity of an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub label: EntityLabel,
    /// The canonical key: the space-joined search keys of the entity's name
    /// (`khabar_text` key form), stable across articles.
    pub key: String,
    /// The display form of the fullest mention.
    pub name: String,
    /// The English name, where the gazetteer knows one.
    pub english: Option<String>,
    /// A romanization of `name` (Arabic letters to Latin, no short vowels).
    pub romanized: String,
    /// The mentions, in text order.
    pub mentions: Vec<Mention>,
}

/// A name as it stands alone: the conjunction or preposition written onto
/// its first word dropped (لروسيا → روسيا، والولايات المتحدة → الولايات
/// المتحدة، للمنظمة → المنظمة). The clitic is what the search key leaves
/// off the word's front, so names the analyzer protects (بغداد، فلسطين) keep
/// their letters.
pub fn bare_name(name: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let first = name.split(' ').next().unwrap_or_default();
    let mut norm = String::new();
    khabar_text::norm_form(first, &mut norm);
    if khabar_text::is_protected_name(&norm) {
        return Cow::Borrowed(name);
    }
    let mut key = String::new();
    let key = khabar_text::key_of(first, khabar_text::TokenKind::Word, &mut key);
    let Some(at) = norm.find(key).filter(|_| !key.is_empty()) else {
        return Cow::Borrowed(name);
    };
    let pre = &norm[..at];
    // How many letters to drop, and whether the article's alef comes back (لل).
    let (drop, alef) = match pre {
        "" | "ال" => return Cow::Borrowed(name),
        "لل" | "ولل" | "فلل" => (pre.chars().count(), true),
        p if p.ends_with("ال") => (p.chars().count() - 2, false),
        p if p.chars().all(|c| matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك'))
            && p.chars().count() <= 2 =>
        {
            (p.chars().count(), false)
        }
        _ => return Cow::Borrowed(name),
    };
    // The remainder must still be a word of its own, one news writes more
    // often than the whole (روسيا over لروسيا; not اليفورنيا for كاليفورنيا).
    if norm.chars().count() < drop + 3 {
        return Cow::Borrowed(name);
    }
    let rest_at = norm.char_indices().nth(drop).map_or(norm.len(), |(i, _)| i);
    let bare = if alef {
        format!("ال{}", &norm[rest_at..])
    } else {
        norm[rest_at..].to_string()
    };
    let stats = &bundled_resources().stats;
    let freq = |w: &str| stats.get(w).map(|(f, _)| f);
    match (freq(&bare), freq(&norm)) {
        (Some(b), Some(w)) if b >= w => {}
        (Some(_), None) => {}
        _ => return Cow::Borrowed(name),
    }
    // Drop `drop` letters (with the marks written on them) from the display form.
    let mut letters = 0;
    let mut cut = name.len();
    for (i, c) in name.char_indices() {
        if khabar_text::chars::is_mark(c) || khabar_text::chars::is_diacritic(c) {
            continue;
        }
        if letters == drop {
            cut = i;
            break;
        }
        letters += 1;
    }
    let rest = &name[cut..];
    if alef {
        Cow::Owned(format!("ال{rest}"))
    } else {
        Cow::Borrowed(rest)
    }
}

/// Is `short` a contiguous run of `long`?
fn is_run(short: &[&str], long: &[&str]) -> bool {
    !short.is_empty() && short.len() <= long.len() && long.windows(short.len()).any(|w| w == short)
}

/// Whether a mention of `label` with the name keys `short` names the entity
/// of `entity_label` whose keys are `long`: a run of its keys, and for a
/// person one word that is its first or last name (بوتين of فلاديمير بوتين).
fn names_entity(
    label: EntityLabel,
    short: &[&str],
    entity_label: EntityLabel,
    long: &[&str],
) -> bool {
    if entity_label != label {
        return false;
    }
    if label == EntityLabel::Pers && short.len() == 1 && long.len() > 1 {
        return long.first() == short.first() || long.last() == short.first();
    }
    is_run(short, long)
}

/// Whether `text`, written later in the article without the NER marking it
/// (وأضاف الرفاعي), names the person whose entity key is `key`, by the rule
/// mentions are merged by.
pub(crate) fn names_person(text: &str, key: &str) -> bool {
    let keys = vocab::name_keys(text, crate::ner::gazetteer::name_keys);
    let short: Vec<&str> = keys.split(' ').filter(|w| !w.is_empty()).collect();
    let long: Vec<&str> = key.split(' ').collect();
    names_entity(EntityLabel::Pers, &short, EntityLabel::Pers, &long)
}

/// Mentions of one entity: its label, canonical key and members (indices
/// into the mentions, the fullest first).
struct Group {
    pub label: EntityLabel,
    pub key: String,
    pub members: Vec<usize>,
}

/// Groups mentions (of one article) by the entity they name, most mentioned
/// first (then by first mention); each group's members are the fullest
/// mention first, then the rest in text order.
fn groups(mentions: &[Mention]) -> Vec<Group> {
    struct G<'k> {
        label: EntityLabel,
        keys: &'k [&'k str],
        members: Vec<usize>,
    }
    let keys: Vec<Rc<str>> = mentions
        .iter()
        .map(|m| vocab::name_keys(&m.text, crate::ner::gazetteer::name_keys))
        .collect();
    let split: Vec<Vec<&str>> = keys.iter().map(|k| k.split(' ').collect()).collect();
    // Longest names first, so shorter mentions find their full form.
    let mut order: Vec<usize> = (0..mentions.len())
        .filter(|&i| !keys[i].is_empty())
        .collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(split[i].len()), mentions[i].start));
    let mut groups: Vec<G> = Vec::new();
    for i in order {
        let mk: &[&str] = &split[i];
        let label = mentions[i].label;
        let fits = |g: &G| names_entity(label, mk, g.label, g.keys);
        // Several candidates (بوتين in two Putins): the most mentioned wins.
        match groups
            .iter_mut()
            .filter(|g| fits(g))
            .max_by_key(|g| g.members.len())
        {
            Some(g) => g.members.push(i),
            None => groups.push(G {
                label,
                keys: mk,
                members: vec![i],
            }),
        }
    }
    let mut out: Vec<(usize, Group)> = groups
        .into_iter()
        .map(|g| {
            let first = g
                .members
                .iter()
                .map(|&i| mentions[i].start)
                .min()
                .unwrap_or(0);
            let key = g.keys.join(" ");
            (
                first,
                Group {
                    label: g.label,
                    key,
                    members: g.members,
                },
            )
        })
        .collect();
    out.sort_by(|(a0, a), (b0, b)| b.members.len().cmp(&a.members.len()).then(a0.cmp(b0)));
    out.into_iter().map(|(_, g)| g).collect()
}

/// The name an entity goes by: among its fullest mentions (the most name
/// keys), the bare form ([`bare_name`]) written most often, the first one on
/// a tie (ليبيا rather than والليبيين, تونس rather than التونسي).
fn canonical(mentions: &[Mention], g: &Group) -> String {
    let size = |i: usize| {
        vocab::name_keys(&mentions[i].text, crate::ner::gazetteer::name_keys)
            .split(' ')
            .count()
    };
    // The group's key is the fullest mention's keys.
    let full = g.key.split(' ').count();
    let mut names: Vec<(String, usize, usize)> = Vec::new();
    for &i in &g.members {
        if size(i) != full {
            continue;
        }
        let bare = bare_name(&mentions[i].text);
        let start = mentions[i].start;
        match names.iter_mut().find(|(n, _, _)| *n == bare) {
            Some(n) => {
                n.1 += 1;
                n.2 = n.2.min(start);
            }
            None => names.push((bare.into_owned(), 1, start)),
        }
    }
    names
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|n| n.0)
        .unwrap_or_default()
}

/// Merges mentions (of one article) into entities, most mentioned first.
pub fn merge(mentions: &[Mention]) -> Vec<Entity> {
    let gaz = &bundled_resources().gazetteer;
    groups(mentions)
        .into_iter()
        .map(|g| {
            let mut ms: Vec<Mention> = g.members.iter().map(|&i| mentions[i].clone()).collect();
            ms.sort_by_key(|m| m.start);
            let name = canonical(mentions, &g);
            let english = std::iter::once(&name)
                .chain(ms.iter().map(|m| &m.text))
                .find_map(|n| {
                    gaz.lookup(n)
                        .filter(|e| e.label == g.label && !e.english.is_empty())
                })
                .map(|e| e.english.clone());
            Entity {
                label: g.label,
                key: g.key,
                romanized: romanize(&name),
                name,
                english,
                mentions: ms,
            }
        })
        .collect()
}

fn consonant(c: char) -> Option<&'static str> {
    Some(match c {
        'ب' => "b",
        'ت' | 'ط' => "t",
        'ث' => "th",
        'ج' => "j",
        'ح' | 'ه' => "h",
        'خ' => "kh",
        'د' | 'ض' => "d",
        'ذ' => "dh",
        'ر' => "r",
        'ز' | 'ظ' => "z",
        'س' | 'ص' => "s",
        'ش' => "sh",
        'ع' => "'",
        'غ' => "gh",
        'ف' | 'ڤ' => "f",
        'ق' => "q",
        'ك' | 'ک' => "k",
        'گ' => "g",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'پ' => "p",
        'چ' => "ch",
        'ء' | 'ؤ' | 'ئ' => "'",
        _ => return None,
    })
}

/// A readable romanization of Arabic letters (simplified ALA-LC without
/// short vowels): و and ي between letters are read as vowels, the article as
/// `al-`, each word capitalized. Other scripts pass through.
///
/// ```
/// use khabar_extract::entities::romanize;
/// assert_eq!(romanize("بوتين"), "Butin");
/// assert_eq!(romanize("موسكو"), "Musku");
/// assert_eq!(romanize("الاتحاد الأوروبي"), "al-Athad al-Awrubi");
/// ```
pub fn romanize(name: &str) -> String {
    let mut words = Vec::new();
    for word in name.split_whitespace() {
        let mut display = String::new();
        khabar_text::display_form(word, &mut display);
        let chars: Vec<char> = display
            .chars()
            .filter(|c| !khabar_text::chars::is_diacritic(*c))
            .collect();
        let (article, body) = match chars.as_slice() {
            ['ا', 'ل', rest @ ..] if rest.len() >= 2 => (true, rest),
            _ => (false, chars.as_slice()),
        };
        let mut out = String::new();
        for (i, &c) in body.iter().enumerate() {
            let prev_vowel =
                i > 0 && matches!(body[i - 1], 'ا' | 'أ' | 'إ' | 'آ' | 'ى' | 'و' | 'ي');
            let s: &str = match c {
                'ا' | 'أ' | 'آ' | 'ى' => "a",
                'إ' => "i",
                'ة' => "a",
                'و' if i == 0 || prev_vowel => "w",
                'و' => "u",
                'ي' if i > 0 && body[i - 1] == 'ي' => "i",
                'ي' if i == 0 || prev_vowel => "y",
                'ي' => "i",
                c => match consonant(c) {
                    Some(s) => s,
                    None => {
                        out.push(c);
                        continue;
                    }
                },
            };
            out.push_str(s);
        }
        let mut cap = String::new();
        let mut first = true;
        for c in out.chars() {
            if first && c.is_alphabetic() {
                cap.extend(c.to_uppercase());
                first = false;
            } else {
                cap.push(c);
            }
        }
        words.push(if article { format!("al-{cap}") } else { cap });
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn bare_names_are_a_tail_of_the_name(s in "[\u{0600}-\u{06FF} \u{200F}a-z]{0,24}") {
            let b = bare_name(&s);
            let tail = b.strip_prefix("ال").filter(|t| s.ends_with(*t)).is_some();
            proptest::prop_assert!(s.ends_with(&*b) || tail, "{s:?} → {b:?}");
        }
    }

    #[test]
    fn names_lose_the_clitics_written_onto_them() {
        for (written, bare) in [
            ("لروسيا", "روسيا"),
            ("وبيلاروسيا", "بيلاروسيا"),
            ("والولايات المتحدة", "الولايات المتحدة"),
            ("لمنظمة معاهدة الأمن الجماعي", "منظمة معاهدة الأمن الجماعي"),
            ("للأمم المتحدة", "الأمم المتحدة"),
            ("وفلاديمير بوتين", "فلاديمير بوتين"),
            // Names whose first letters are their own stay whole.
            ("فلسطين", "فلسطين"),
            ("بوتين", "بوتين"),
            ("كازاخستان", "كازاخستان"),
            ("الولايات المتحدة", "الولايات المتحدة"),
            ("لبنان", "لبنان"),
            ("كاليفورنيا", "كاليفورنيا"),
        ] {
            assert_eq!(bare_name(written), bare, "{written}");
        }
    }

    fn m(text: &str, start: usize, label: EntityLabel) -> Mention {
        Mention {
            start,
            end: start + text.len(),
            label,
            text: text.to_string(),
        }
    }

    #[test]
    fn putin_is_one_person() {
        let ms = vec![
            m("فلاديمير بوتين", 10, EntityLabel::Pers),
            m("بوتين", 200, EntityLabel::Pers),
            m("وبوتين", 300, EntityLabel::Pers),
            m("موسكو", 0, EntityLabel::Loc),
            m("فلاديمير", 400, EntityLabel::Pers),
        ];
        let es = merge(&ms);
        assert_eq!(es.len(), 2);
        let putin = &es[0];
        assert_eq!(putin.label, EntityLabel::Pers);
        assert_eq!(putin.name, "فلاديمير بوتين");
        assert_eq!(putin.key, "فلاديمير بوتين");
        assert_eq!(putin.mentions.len(), 4);
        assert_eq!(putin.english.as_deref(), Some("Vladimir Putin"));
        assert_eq!(es[1].english.as_deref(), Some("Moscow"));
    }

    #[test]
    fn same_surname_other_class_stays_apart() {
        let ms = vec![
            m("واشنطن", 0, EntityLabel::Loc),
            m("دينزل واشنطن", 50, EntityLabel::Pers),
        ];
        assert_eq!(merge(&ms).len(), 2);
    }

    #[test]
    fn romanizes_names() {
        assert_eq!(romanize("كازاخستان"), "Kazakhstan");
        assert_eq!(romanize("توكاييف"), "Tukayif");
        assert_eq!(romanize("ألماتي"), "Almati");
    }

    #[test]
    fn seed_article_entities() {
        let text = include_str!("../../../samples/csto-kazakhstan-2022.txt");
        let es = merge(&crate::ner::mentions(text));
        // The entity that has a mention written exactly so.
        let find = |name: &str| {
            es.iter()
                .find(|e| e.mentions.iter().any(|m| m.text == name))
                .map(|e| e.label)
        };
        for (name, label) in [
            ("بوتين", EntityLabel::Pers),
            ("كازاخستان", EntityLabel::Loc),
            ("توكاييف", EntityLabel::Pers),
            ("نزارباييف", EntityLabel::Pers),
            ("منظمة معاهدة الأمن الجماعي", EntityLabel::Org),
            ("موسكو", EntityLabel::Loc),
            ("ألماتي", EntityLabel::Loc),
        ] {
            assert_eq!(find(name), Some(label), "{name}");
        }
        for e in &es {
            eprintln!(
                "{:?} {} {:?} {} {}",
                e.label,
                e.name,
                e.english,
                e.romanized,
                e.mentions.len()
            );
        }
        for m in es.iter().flat_map(|e| &e.mentions) {
            assert!(
                text.is_char_boundary(m.start) && text.is_char_boundary(m.end) && m.start < m.end
            );
        }
    }
}
