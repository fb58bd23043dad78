//! The event stage through the whole reading (without NER): types, actors,
//! counts and locations, and the senses that make a trigger no event.

use khabar_extract::events::{Event, EventType};
use khabar_extract::Participant;

fn events(t: &str) -> Vec<Event> {
    khabar_extract::read_with_mentions(None, t, None, Vec::new()).events
}

fn types(t: &str) -> Vec<EventType> {
    events(t).into_iter().map(|e| e.event_type).collect()
}

#[test]
fn protests_assaults_and_arrests_with_actors() {
    let e = events("وتظاهر المتظاهرون في وسط بغداد للمطالبة بتحسين الخدمات.");
    assert_eq!(e[0].event_type, "PROTEST");
    assert_eq!(e[0].actor.as_ref().unwrap().text, "المتظاهرون");
    assert_eq!(e[0].location.as_ref().unwrap().text, "بغداد");
    let e = events("وقتل مسلحون ثلاثة جنود في هجوم على نقطة تفتيش.");
    assert_eq!(e[0].event_type, "ASSAULT");
    assert_eq!(e[0].actor.as_ref().unwrap().text, "مسلحون");
    assert_eq!(e[0].count, Some(3.0));
    let e = events("واعتقلت قوات الأمن نحو خمسين متظاهرا.");
    assert_eq!(e[0].event_type, "COERCE");
    assert_eq!(e[0].actor.as_ref().unwrap().text, "قوات الأمن");
    assert_eq!(e[0].count, Some(50.0));
}

#[test]
fn senses_sports_denial_negation_quotation() {
    assert!(
        types("وشن الفريق هجوما قويا في الشوط الثاني وسدد اللاعب كرة قوية نحو المرمى.").is_empty()
    );
    assert!(types("واحتج اللاعب على قرار الحكم في المباراة.").is_empty());
    assert!(types("ولم تقتل الشرطة أحدا.").is_empty());
    // A denial is a REJECT; what it denies is no event.
    assert_eq!(
        types("ونفت الوزارة أن قوات الأمن قتلت متظاهرين."),
        vec![EventType::Reject]
    );
    assert!(
        !types("وأكد رئيس كازاخستان أن أعمال الشغب كانت “محاولة انقلاب”.")
            .contains(&EventType::Assault)
    );
}

#[test]
fn troops_deployed() {
    let e = events("ويعتقد أنه تم إرسال 2500 جندي إلى كازاخستان من دول أخرى.");
    let m = e.iter().find(|e| e.event_type == "MOBILIZE").unwrap();
    assert_eq!(m.count, Some(2500.0));
    assert_eq!(m.location.as_ref().unwrap().text, "كازاخستان");
    assert!(types("ونشر الموقع صورا للحادث.").is_empty());
}

fn one(t: &str, ty: EventType) -> Event {
    events(t)
        .into_iter()
        .find(|e| e.event_type == ty)
        .unwrap_or_else(|| panic!("no {ty} in {t}"))
}

fn text(p: &Option<Participant>) -> Option<&str> {
    p.as_ref().map(|p| p.text.as_str())
}

/// A masdar's genitive and a passive verb's subject are the target, not the actor.
#[test]
fn a_nominal_or_passive_trigger_makes_its_participant_the_target() {
    let e = one(
        "وأعلنت السلطات مقتل الصحفي داخل القنصلية.",
        EventType::Assault,
    );
    assert_eq!(e.trigger, "مقتل");
    assert_ne!(text(&e.actor), Some("الصحفي"));
    let e = one("وأصيب ثلاثة جنود في الانفجار.", EventType::Assault);
    assert_eq!(e.actor, None);
    assert_eq!(text(&e.target), Some("ثلاثة جنود"));
    let e = one("وقتل ما لا يقل عن 25 شخصا في القصف.", EventType::Assault);
    assert_eq!(text(&e.target), Some("25 شخصا"));
}

/// The agent of a passive or a masdar after من قبل / على يد.
#[test]
fn the_agent_after_min_qibal_is_the_actor() {
    let e = one("وتم اعتقال الناشط من قبل الشرطة أمس.", EventType::Coerce);
    assert_eq!(text(&e.actor), Some("الشرطة"));
}

/// A state right after the verb is its subject (VSO); a title and the name after its comma are one.
#[test]
fn a_state_after_the_verb_is_its_subject() {
    let e = one("وهددت إيران الولايات المتحدة بالرد.", EventType::Threaten);
    assert_eq!(text(&e.actor), Some("إيران"));
    assert_eq!(text(&e.target), Some("الولايات المتحدة"));
}

/// Leaving a conference or a deal is a REJECT; leaving in a condition is no event.
#[test]
fn leaving_a_conference_is_a_rejection() {
    let e = one(
        "وانسحب وزير المالية من مؤتمر الاستثمار في الرياض.",
        EventType::Reject,
    );
    assert_eq!(e.trigger, "وانسحب");
    assert!(
        events("وقال إن بلاده ستتخذ إجراءات إذا انسحبت واشنطن من الاتفاق.")
            .iter()
            .all(|e| e.event_type != EventType::Retreat)
    );
}

/// A light verb and its attack noun are one event, the verb's subject its actor.
#[test]
fn a_launched_attack_is_one_event() {
    let e: Vec<Event> = events("وشنت القوات الحكومية هجوما على مواقع المسلحين.")
        .into_iter()
        .filter(|e| e.event_type == EventType::Assault)
        .collect();
    assert_eq!(e.len(), 1);
    assert!(e[0].trigger.starts_with("وشنت") && e[0].trigger.ends_with("هجوما"));
    assert_eq!(text(&e[0].actor), Some("القوات الحكومية"));
}

/// A charge or a threat of killing is no killing; an accident's dead are no assault.
#[test]
fn charges_and_accidents_are_no_assault() {
    let ty = |t: &str| -> Vec<EventType> { events(t).into_iter().map(|e| e.event_type).collect() };
    assert!(!ty("ووجهت المحكمة إليه تهمة بالقتل العمد.").contains(&EventType::Assault));
    assert!(!ty("وأدى انهيار الجسر إلى مقتل 40 شخصا.").contains(&EventType::Assault));
}

/// A crowd counted by its size is the actor of a protest.
#[test]
fn a_crowd_is_the_actor_of_a_protest() {
    let e = one("وتظاهر آلاف التونسيين في العاصمة.", EventType::Protest);
    assert_eq!(text(&e.actor), Some("آلاف التونسيين"));
}

fn actor_of(t: &str, ty: EventType) -> Option<String> {
    one(t, ty).actor.map(|p| p.text)
}

fn target_of(t: &str, ty: EventType) -> Option<String> {
    one(t, ty).target.map(|p| p.text)
}

/// The source of the news (وفق، بحسب, the speaker of the quotation) is no
/// party to its events, unless what was said opens with the speaker's pronoun.
#[test]
fn the_source_of_the_news_is_not_the_actor() {
    let t = "وبحسب وزارة الصحة، قتل عشرة مدنيين في القصف.";
    assert_eq!(actor_of(t, EventType::Assault), None);
    let t = "وقالت وزارة الداخلية إن ثلاثة أشخاص قتلوا في الانفجار.";
    assert_eq!(actor_of(t, EventType::Assault), None);
    let t = "وقال الجيش إن قواته قتلت خمسة مسلحين قرب الحدود.";
    assert_eq!(actor_of(t, EventType::Assault).as_deref(), Some("الجيش"));
}

/// A masdar after تم has no subject before it: the one before is its target.
#[test]
fn a_passive_with_tamma_has_no_actor() {
    let t = "وأضافت أن متظاهرين تم اعتقالهم في وسط المدينة.";
    let e = one(t, EventType::Coerce);
    assert_eq!(e.actor, None);
    assert_eq!(text(&e.target), Some("متظاهرين"));
}

/// The subject carries to a verb joined by و; a place joined by و is a conjunct, not a subject.
#[test]
fn the_subject_carries_to_a_coordinated_verb() {
    let t = "وذكرت مصادر أن المسلحين نصبوا حواجز على الطريق بين مدينة تعز وعدن، واعتقلوا عشرات المسافرين.";
    assert_eq!(actor_of(t, EventType::Coerce).as_deref(), Some("المسلحين"));
}

/// A masdar's possessive pronoun is the clause's subject; a relative
/// pronoun's antecedent is the subject of its verb.
#[test]
fn possessive_masdar_and_relative_antecedent() {
    let t = "وقدم وزير الخارجية أمس استقالته من منصبه.";
    assert_eq!(
        actor_of(t, EventType::Retreat).as_deref(),
        Some("وزير الخارجية")
    );
    let t = "وزار الوفد الحكومة التي رفضت أي مسؤولية عن الهجوم.";
    assert_eq!(actor_of(t, EventType::Reject).as_deref(), Some("الحكومة"));
}

/// Noun phrases no lexicon names: the object after a verb and its subject,
/// an object after على or من, the doer after a light verb or a relative
/// verb, the topic before a verb.
#[test]
fn noun_phrases_no_lexicon_names() {
    let t = "ومنعت الشرطة المدارس من استخدام الملاعب.";
    assert_eq!(target_of(t, EventType::Coerce).as_deref(), Some("المدارس"));
    let t = "وقام مسلحون ملثمون بخطف رئيس البلدية من سيارته.";
    assert!(actor_of(t, EventType::Assault).is_some_and(|a| a.contains("مسلحون")));
    let t = "وقتل ثلاثة أشخاص في هجوم انتحاري نفذته امرأة في السوق.";
    let e = events(t);
    assert!(e
        .iter()
        .any(|e| e.trigger.contains("هجوم") && text(&e.actor) == Some("امرأة")));
    let t = "وقالت مصادر محلية إن العصابة الإجرامية اغتالت ناشطا في المدينة.";
    assert_eq!(
        actor_of(t, EventType::Assault).as_deref(),
        Some("العصابة الإجرامية")
    );
    let t = "وأعلنت الحكومة الانسحاب من الاتفاق النووي.";
    assert!(target_of(t, EventType::Reject).is_some_and(|p| p.contains("الاتفاق النووي")));
}

/// A role's name in quotation marks after it is part of it.
#[test]
fn a_name_in_quotation_marks_after_its_head() {
    let t = "واتهمت وكالة أنباء \"الصين الجديدة\" الرسمية واشنطن بالتصعيد.";
    assert!(actor_of(t, EventType::Accuse).is_some_and(|a| a.contains("الصين الجديدة")));
}

/// A trigger joined by و to a masdar is a masdar: its genitive is the target.
#[test]
fn a_coordinated_masdar_takes_its_target() {
    let t = "وأثارت جريمة خطف وقتل الطفلة غضبا واسعا في البلاد.";
    let e = events(t);
    let k = e.iter().find(|e| e.trigger == "وقتل").expect("وقتل");
    assert_eq!(k.actor, None);
    assert!(text(&k.target).is_some_and(|p| p.contains("الطفلة")));
}

/// An indefinite adjective agreeing with its head is part of its phrase, and
/// an indefinite subject after إن stands before its verb.
#[test]
fn an_agreeing_adjective_and_an_indefinite_subject_after_inna() {
    let t = "وقالت مصادر محلية إن عصابة مجهولة اغتالت ناشطا في المدينة.";
    assert_eq!(
        actor_of(t, EventType::Assault).as_deref(),
        Some("عصابة مجهولة")
    );
}

/// A conjunction of time after the trigger (بمجرد، فور، عندما) opens a clause:
/// it is never a participant's noun phrase.
#[test]
fn a_time_conjunction_is_no_participant() {
    for t in [
        "وقال الوزير إنه سيتم سحب القوات بمجرد انتهاء المهمة.",
        "وأكد المتحدث أنه سيتم سحب القوات فور انتهاء المهمة.",
        "وقال المسؤول إن الشرطة اعتقلت المشتبه به عندما حاول الفرار.",
    ] {
        let e = events(t);
        assert!(!e.is_empty(), "{t}");
        for ev in &e {
            for p in [&ev.actor, &ev.target].into_iter().flatten() {
                let first = p.text.split(' ').next().unwrap_or("");
                assert!(!["بمجرد", "فور", "عندما"].contains(&first), "{t}: {p:?}");
            }
        }
    }
}
