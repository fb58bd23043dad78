//! Word senses and contexts around a trigger: sports, idioms, weapons, PLOVER contexts.

use crate::doc::Doc;
use crate::lexicon::WordMap;
use std::sync::OnceLock;

/// A word list as a hash map (built once).
fn table(
    list: &'static [(&'static str, &'static str)],
    cell: &'static OnceLock<WordMap<&'static str>>,
) -> &'static WordMap<&'static str> {
    cell.get_or_init(|| WordMap::new(list.iter().copied()))
}

fn sports_set() -> &'static WordMap<()> {
    static CELL: OnceLock<WordMap<()>> = OnceLock::new();
    CELL.get_or_init(|| WordMap::new(SPORTS.iter().map(|w| (*w, ()))))
}

/// Words of sport: a هجوم among them is an attack on goal.
const SPORTS: &[&str] = &[
    "مباراه",
    "المباراه",
    "مباريات",
    "المباريات",
    "المنتخب",
    "منتخب",
    "الدوري",
    "لاعب",
    "اللاعب",
    "اللاعبين",
    "لاعبين",
    "لاعبي",
    "المدرب",
    "مدرب",
    "المدير الفني",
    "الشوط",
    "المرمي",
    "مرمي",
    "بطوله",
    "البطوله",
    "تسديده",
    "تسديدات",
    "ركله",
    "ركلات",
    "جزاء",
    "الملعب",
    "ملعب",
    "التعادل",
    "الكره",
    "كره",
    "مهاجم",
    "المهاجم",
    "هداف",
    "الهداف",
    "برشلونه",
    "ليفربول",
    "مانشستر",
    "الزمالك",
    "يوفنتوس",
    "بايرن",
    "تشيلسي",
    "الاولمبياد",
    "الاولمبيه",
    "الرياضي",
    "الرياضيه",
    "رياضيه",
    "تمريره",
    "عرضيه",
    "ركنيه",
    "الحارس",
    "حارس المرمي",
    "هدفا",
    "اهداف",
    "الاهداف",
    "نادي",
    "النادي",
    "الفيفا",
    "المونديال",
    "مونديال",
    "كاس",
    "الكاس",
    "الجماهير",
    "جماهير",
    "مشجعي",
    "المشجعين",
    "مشجعين",
    "متفرج",
    "الاندية",
    "دوري",
];

/// How many sport words tokens `a..b` hold.
pub(super) fn sports_score(doc: &Doc, a: usize, b: usize) -> usize {
    let set = sports_set();
    doc.toks[a..b]
        .iter()
        .filter(|t| t.is_word() && set.cands(t, 2).next().is_some())
        .count()
}

/// Idioms where a trigger word is not the act: هجوم لاذع (a verbal attack),
/// نشر تقرير (to publish), حالة الطوارئ الصحية …
pub(super) fn idiom(doc: &Doc, first: usize, last: usize, ty: &str) -> bool {
    let next = doc
        .toks
        .get(last + 1)
        .map(|t| t.norm.as_str())
        .unwrap_or("");
    let prev = first
        .checked_sub(1)
        .map(|p| doc.toks[p].norm.as_str())
        .unwrap_or("");
    let trig = crate::doc::strip_conj(&doc.toks[first].norm)
        .unwrap_or(&doc.toks[first].norm)
        .to_string();
    // A threat to kill is a threat, not a killing (تهديدات بالقتل).
    if ty == "ASSAULT" && (prev.contains("تهديد") || prev.contains("هدد") || prev.ends_with("توعد"))
    {
        return true;
    }
    // خطف الأنظار: to steal the show; يفجر المشاكل: to spark problems; فجر اليوم: dawn.
    if ty == "ASSAULT"
        && trig.contains("خطف")
        && (next.contains("انظار")
            || next.contains("اضواء")
            || next.contains("الاهتمام")
            || next.contains("الفوز")
            || next.contains("النقاط")
            || next.contains("بطاقه")
            || next.contains("الصداره")
            || next.contains("اللقب"))
    {
        return true;
    }
    if ty == "ASSAULT" && (trig.ends_with("فجر") || trig == "فجرا" || trig == "يفجر") {
        const OBJ: &[&str] = &[
            "مفاجاه",
            "ازمه",
            "الازمه",
            "المشاكل",
            "مشاكل",
            "الغضب",
            "غضب",
            "الخلافات",
            "خلافات",
            "قنبله",
            "ثوره",
            "طاقاته",
            "الموقف",
        ];
        if OBJ.iter().any(|o| next.ends_with(o))
            || (next.starts_with("ال") && !crate::roles::is_role_word(next))
            || crate::dates::is_time_word(next)
        {
            return true;
        }
    }
    // أصابه في مقتل: a fatal blow, figuratively.
    if ty == "ASSAULT"
        && trig == "مقتل"
        && prev == "في"
        && (next.starts_with('ب') || doc.toks.get(last + 1).is_none_or(|t| t.is_punct()))
    {
        return true;
    }
    // تظاهرة رياضية/ثقافية: a (Maghrebi) event, not a demonstration.
    if ty == "PROTEST"
        && ["رياضي", "ثقافي", "فني", "سينماءي", "علمي", "تجاري", "سياحي"]
            .iter()
            .any(|w| next.contains(w))
    {
        return true;
    }
    match ty {
        "ASSAULT" => {
            matches!(
                next,
                "لاذع"
                    | "لاذعا"
                    | "حاد"
                    | "حادا"
                    | "اعلامي"
                    | "اعلاميا"
                    | "كلامي"
                    | "كلاميا"
                    | "سيبراني"
                    | "الكتروني"
                    | "الكترونيا"
                    | "عنيف"
                    | "عنيفا"
            ) && !matches!(next, "عنيف" | "عنيفا")
        }
        _ => false,
    }
}

const WEAPONS: &[(&str, &str)] = &[
    ("بالرصاص", "firearms"),
    ("النار", "firearms"),
    ("رصاص", "firearms"),
    ("عبوه", "explosives"),
    ("ناسفه", "explosives"),
    ("مفخخه", "explosives"),
    ("انتحاري", "suicide-attack"),
    ("انتحاريه", "suicide-attack"),
    ("طاءره", "aerial"),
    ("طاءرات", "aerial"),
    ("جويه", "aerial"),
    ("غاره", "aerial"),
    ("مسيره", "drone"),
    ("مسيرات", "drone"),
    ("قذاءف", "heavy-weapons"),
    ("مدفعيه", "heavy-weapons"),
    ("صواريخ", "heavy-weapons"),
    ("صاروخ", "heavy-weapons"),
    ("دبابات", "heavy-weapons"),
    ("سكين", "primitive"),
    ("بالحجاره", "primitive"),
    ("الحجاره", "primitive"),
    ("المسيل", "crowd-control"),
    ("المطاطي", "crowd-control"),
    ("كيماوي", "unconventional"),
    ("كيمياءي", "unconventional"),
    ("خطف", "abduct"),
    ("اختطاف", "abduct"),
];

/// The ASSAULT mode named by a weapon in the sentence.
pub(super) fn weapon_mode(doc: &Doc, a: usize, b: usize) -> Option<&'static str> {
    static CELL: OnceLock<WordMap<&'static str>> = OnceLock::new();
    let map = table(WEAPONS, &CELL);
    doc.toks[a..b]
        .iter()
        .find_map(|t| map.cands(t, 3).next().copied())
}

const CONTEXTS: &[(&str, &str)] = &[
    ("عسكري", "military"),
    ("العسكري", "military"),
    ("العسكريه", "military"),
    ("عسكريه", "military"),
    ("الجيش", "military"),
    ("ارهاب", "terrorism"),
    ("الارهاب", "terrorism"),
    ("ارهابي", "terrorism"),
    ("ارهابيه", "terrorism"),
    ("الارهابي", "terrorism"),
    ("قمع", "repression"),
    ("حفظ", "peacekeeping"),
    ("السلام", "peacekeeping"),
    ("الانتخابات", "election"),
    ("انتخابات", "election"),
    ("اسعار", "economic"),
    ("الاسعار", "economic"),
    ("الاقتصاد", "economic"),
    ("المحروقات", "economic"),
    ("الفساد", "corruption"),
    ("المهاجرين", "migration"),
    ("اللاجءين", "migration"),
    ("البرلمان", "legislative"),
    ("الديمقراطيه", "pro_democracy"),
    ("الانترنت", "rights_freedoms"),
];

/// PLOVER contexts named in the sentence.
pub(super) fn contexts(doc: &Doc, a: usize, b: usize) -> Vec<String> {
    static CELL: OnceLock<WordMap<&'static str>> = OnceLock::new();
    let map = table(CONTEXTS, &CELL);
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
