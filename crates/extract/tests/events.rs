//! The event stage through the whole reading (without NER): types, actors,
//! counts and locations, and the senses that make a trigger no event.

use khabar_extract::events::{Event, EventType};

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
    assert!(types("ونفت الوزارة أن قوات الأمن قتلت متظاهرين.").is_empty());
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
