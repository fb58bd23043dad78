#!/usr/bin/env python3
"""Gazetteer for khabar's named-entity recognizer, from registry packages.

Sources (installed with the ordinary clients, nothing else is downloaded):
  npm  cldr-localenames-full  territory names, Arabic and English (countries,
                              regions, continents), with their variants
  npm  cldr-dates-full        exemplar cities of the time zones (Arabic, English)
  npm  i18n-iso-countries     Arabic country names and their alternates
  PyPI pycountry              ISO 3166-1 names and their Arabic translations
and a short curated list below of international organisations and world
figures (Arabic spelling as in news, English name), written for this project.

Output: one line per name, `CLASS<TAB>kind<TAB>arabic<TAB>english`, the
preferred sense of a name first. Reproduce:

    (cd /tmp/gaz && npm install cldr-localenames-full cldr-dates-full i18n-iso-countries)
    pip install pycountry
    python3 scripts/ner/gazetteers.py --npm /tmp/gaz/node_modules --out crates/extract/data/ner/gazetteer.tsv
"""
import argparse
import gettext
import json
import os

# Organisations and people news writes about most, beyond what CLDR knows.
CURATED = [
    ("ORG", "org", "الأمم المتحدة", "United Nations"),
    ("ORG", "org", "مجلس الأمن", "UN Security Council"),
    ("ORG", "org", "مجلس الأمن الدولي", "UN Security Council"),
    ("ORG", "org", "الجمعية العامة للأمم المتحدة", "UN General Assembly"),
    ("ORG", "org", "حلف شمال الأطلسي", "NATO"),
    ("ORG", "org", "الناتو", "NATO"),
    ("ORG", "org", "حلف الناتو", "NATO"),
    ("ORG", "org", "الاتحاد الأوروبي", "European Union"),
    ("ORG", "org", "المفوضية الأوروبية", "European Commission"),
    ("ORG", "org", "البرلمان الأوروبي", "European Parliament"),
    ("ORG", "org", "الاتحاد الأفريقي", "African Union"),
    ("ORG", "org", "جامعة الدول العربية", "Arab League"),
    ("ORG", "org", "الجامعة العربية", "Arab League"),
    ("ORG", "org", "مجلس التعاون الخليجي", "Gulf Cooperation Council"),
    ("ORG", "org", "مجلس التعاون لدول الخليج العربية", "Gulf Cooperation Council"),
    ("ORG", "org", "منظمة التعاون الإسلامي", "Organisation of Islamic Cooperation"),
    ("ORG", "org", "منظمة معاهدة الأمن الجماعي", "Collective Security Treaty Organization"),
    ("ORG", "org", "رابطة الدول المستقلة", "Commonwealth of Independent States"),
    ("ORG", "org", "منظمة شنغهاي للتعاون", "Shanghai Cooperation Organisation"),
    ("ORG", "org", "أوبك", "OPEC"),
    ("ORG", "org", "منظمة الدول المصدرة للنفط", "OPEC"),
    ("ORG", "org", "منظمة الصحة العالمية", "World Health Organization"),
    ("ORG", "org", "منظمة التجارة العالمية", "World Trade Organization"),
    ("ORG", "org", "صندوق النقد الدولي", "International Monetary Fund"),
    ("ORG", "org", "البنك الدولي", "World Bank"),
    ("ORG", "org", "الوكالة الدولية للطاقة الذرية", "International Atomic Energy Agency"),
    ("ORG", "org", "اليونسكو", "UNESCO"),
    ("ORG", "org", "اليونيسف", "UNICEF"),
    ("ORG", "org", "المحكمة الجنائية الدولية", "International Criminal Court"),
    ("ORG", "org", "محكمة العدل الدولية", "International Court of Justice"),
    ("ORG", "org", "الصليب الأحمر", "Red Cross"),
    ("ORG", "org", "اللجنة الدولية للصليب الأحمر", "International Committee of the Red Cross"),
    ("ORG", "org", "الهلال الأحمر", "Red Crescent"),
    ("ORG", "org", "منظمة العفو الدولية", "Amnesty International"),
    ("ORG", "org", "هيومن رايتس ووتش", "Human Rights Watch"),
    ("ORG", "org", "الكرملين", "Kremlin"),
    ("ORG", "org", "البيت الأبيض", "White House"),
    ("ORG", "org", "البنتاغون", "Pentagon"),
    ("ORG", "org", "الكونغرس", "US Congress"),
    ("ORG", "org", "الكونجرس", "US Congress"),
    ("ORG", "org", "مجلس الشيوخ", "Senate"),
    ("ORG", "org", "الفيفا", "FIFA"),
    ("ORG", "org", "فيفا", "FIFA"),
    ("ORG", "org", "رويترز", "Reuters"),
    ("ORG", "org", "وكالة فرانس برس", "Agence France-Presse"),
    ("ORG", "org", "أسوشيتد برس", "Associated Press"),
    ("ORG", "org", "الجزيرة", "Al Jazeera"),
    ("ORG", "org", "بي بي سي", "BBC"),
    ("ORG", "org", "سي إن إن", "CNN"),
    ("ORG", "org", "حماس", "Hamas"),
    ("ORG", "org", "حركة حماس", "Hamas"),
    ("ORG", "org", "فتح", "Fatah"),
    ("ORG", "org", "حركة فتح", "Fatah"),
    ("ORG", "org", "حزب الله", "Hezbollah"),
    ("ORG", "org", "طالبان", "Taliban"),
    ("ORG", "org", "حركة طالبان", "Taliban"),
    ("ORG", "org", "تنظيم القاعدة", "al-Qaeda"),
    ("ORG", "org", "القاعدة", "al-Qaeda"),
    ("ORG", "org", "تنظيم داعش", "Islamic State"),
    ("ORG", "org", "داعش", "Islamic State"),
    ("ORG", "org", "الإخوان المسلمين", "Muslim Brotherhood"),
    ("ORG", "org", "جماعة الإخوان المسلمين", "Muslim Brotherhood"),
    ("ORG", "org", "منظمة التحرير الفلسطينية", "Palestine Liberation Organization"),
    ("ORG", "org", "السلطة الفلسطينية", "Palestinian Authority"),
    ("ORG", "org", "أرامكو", "Saudi Aramco"),
    ("ORG", "org", "غوغل", "Google"),
    ("ORG", "org", "جوجل", "Google"),
    ("ORG", "org", "مايكروسوفت", "Microsoft"),
    ("ORG", "org", "آبل", "Apple"),
    ("ORG", "org", "فيسبوك", "Facebook"),
    ("ORG", "org", "تويتر", "Twitter"),
    ("ORG", "org", "أمازون", "Amazon"),
    ("PERS", "person", "فلاديمير بوتين", "Vladimir Putin"),
    ("PERS", "person", "بوتين", "Vladimir Putin"),
    ("PERS", "person", "جو بايدن", "Joe Biden"),
    ("PERS", "person", "بايدن", "Joe Biden"),
    ("PERS", "person", "دونالد ترامب", "Donald Trump"),
    ("PERS", "person", "ترامب", "Donald Trump"),
    ("PERS", "person", "باراك أوباما", "Barack Obama"),
    ("PERS", "person", "أوباما", "Barack Obama"),
    ("PERS", "person", "جورج بوش", "George W. Bush"),
    ("PERS", "person", "شي جين بينغ", "Xi Jinping"),
    ("PERS", "person", "إيمانويل ماكرون", "Emmanuel Macron"),
    ("PERS", "person", "ماكرون", "Emmanuel Macron"),
    ("PERS", "person", "أنغيلا ميركل", "Angela Merkel"),
    ("PERS", "person", "ميركل", "Angela Merkel"),
    ("PERS", "person", "رجب طيب أردوغان", "Recep Tayyip Erdoğan"),
    ("PERS", "person", "أردوغان", "Recep Tayyip Erdoğan"),
    ("PERS", "person", "بنيامين نتنياهو", "Benjamin Netanyahu"),
    ("PERS", "person", "نتنياهو", "Benjamin Netanyahu"),
    ("PERS", "person", "محمود عباس", "Mahmoud Abbas"),
    ("PERS", "person", "ياسر عرفات", "Yasser Arafat"),
    ("PERS", "person", "عرفات", "Yasser Arafat"),
    ("PERS", "person", "بشار الأسد", "Bashar al-Assad"),
    ("PERS", "person", "عبد الفتاح السيسي", "Abdel Fattah el-Sisi"),
    ("PERS", "person", "السيسي", "Abdel Fattah el-Sisi"),
    ("PERS", "person", "حسني مبارك", "Hosni Mubarak"),
    ("PERS", "person", "صدام حسين", "Saddam Hussein"),
    ("PERS", "person", "معمر القذافي", "Muammar Gaddafi"),
    ("PERS", "person", "القذافي", "Muammar Gaddafi"),
    ("PERS", "person", "علي خامنئي", "Ali Khamenei"),
    ("PERS", "person", "خامنئي", "Ali Khamenei"),
    ("PERS", "person", "حسن روحاني", "Hassan Rouhani"),
    ("PERS", "person", "روحاني", "Hassan Rouhani"),
    ("PERS", "person", "أنطونيو غوتيريش", "António Guterres"),
    ("PERS", "person", "غوتيريش", "António Guterres"),
    ("PERS", "person", "كوفي أنان", "Kofi Annan"),
    ("PERS", "person", "بان كي مون", "Ban Ki-moon"),
    ("PERS", "person", "سيرغي لافروف", "Sergey Lavrov"),
    ("PERS", "person", "لافروف", "Sergey Lavrov"),
    ("PERS", "person", "مايك بومبيو", "Mike Pompeo"),
    ("PERS", "person", "أنتوني بلينكن", "Antony Blinken"),
    ("PERS", "person", "بلينكن", "Antony Blinken"),
    ("PERS", "person", "فولوديمير زيلينسكي", "Volodymyr Zelensky"),
    ("PERS", "person", "زيلينسكي", "Volodymyr Zelensky"),
    ("PERS", "person", "قاسم جومارت توكاييف", "Kassym-Jomart Tokayev"),
    ("PERS", "person", "توكاييف", "Kassym-Jomart Tokayev"),
    ("PERS", "person", "نور سلطان نزارباييف", "Nursultan Nazarbayev"),
    ("PERS", "person", "نزارباييف", "Nursultan Nazarbayev"),
    ("PERS", "person", "ألكسندر لوكاشينكو", "Alexander Lukashenko"),
    ("PERS", "person", "لوكاشينكو", "Alexander Lukashenko"),
    ("PERS", "person", "نيكول باشينيان", "Nikol Pashinyan"),
    ("PERS", "person", "باشينيان", "Nikol Pashinyan"),
    ("PERS", "person", "بوريس جونسون", "Boris Johnson"),
    ("PERS", "person", "تيريزا ماي", "Theresa May"),
    ("PERS", "person", "توني بلير", "Tony Blair"),
    ("PERS", "person", "جاك شيراك", "Jacques Chirac"),
    ("PERS", "person", "شيراك", "Jacques Chirac"),
    ("PERS", "person", "أرييل شارون", "Ariel Sharon"),
    ("PERS", "person", "شارون", "Ariel Sharon"),
    ("PERS", "person", "كيم جونغ أون", "Kim Jong-un"),
    ("PERS", "person", "محمد بن سلمان", "Mohammed bin Salman"),
    ("PERS", "person", "الملك سلمان", "King Salman"),
    ("PERS", "person", "أسامة بن لادن", "Osama bin Laden"),
    ("PERS", "person", "بن لادن", "Osama bin Laden"),
    ("MISC", "event", "كأس العالم", "FIFA World Cup"),
    ("MISC", "event", "الألعاب الأولمبية", "Olympic Games"),
    ("MISC", "event", "الحرب العالمية الثانية", "World War II"),
    ("MISC", "event", "الحرب العالمية الأولى", "World War I"),
]


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--npm", required=True, help="node_modules with the CLDR and i18n-iso-countries packages")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rows = []
    seen = set()

    def add(cls, kind, ar, en):
        ar = " ".join(ar.split())
        if not ar or (cls, ar) in seen:
            return
        seen.add((cls, ar))
        rows.append((cls, kind, ar, en.strip()))

    for cls, kind, ar, en in CURATED:
        add(cls, kind, ar, en)

    ln = os.path.join(args.npm, "cldr-localenames-full", "main")
    ter_ar = load(os.path.join(ln, "ar", "territories.json"))["main"]["ar"]["localeDisplayNames"]["territories"]
    ter_en = load(os.path.join(ln, "en", "territories.json"))["main"]["en"]["localeDisplayNames"]["territories"]
    for code, ar in sorted(ter_ar.items(), key=lambda kv: ("-alt-" in kv[0], kv[0])):
        base = code.split("-alt-")[0]
        if base in ("ZZ", "EZ", "UN", "EU", "QO", "XA", "XB"):
            continue  # unknown region, pseudo-locales; UN and EU are organisations above
        en = ter_en.get(base, base)
        kind = "region" if base.isdigit() else "country"
        add("LOC", kind, ar, en)

    iso = load(os.path.join(args.npm, "i18n-iso-countries", "langs", "ar.json"))["countries"]
    iso_en = load(os.path.join(args.npm, "i18n-iso-countries", "langs", "en.json"))["countries"]
    for code, names in sorted(iso.items()):
        en = iso_en.get(code, code)
        en = en[0] if isinstance(en, list) else en
        for ar in names if isinstance(names, list) else [names]:
            add("LOC", "country", ar, ter_en.get(code, en))

    try:
        import pycountry
        ar = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
        for c in pycountry.countries:
            for field in ("name", "official_name", "common_name"):
                en = getattr(c, field, None)
                if en and ar.gettext(en) != en:
                    add("LOC", "country", ar.gettext(en), ter_en.get(c.alpha_2, c.name))
    except (ImportError, OSError):
        print("pycountry not available: its names are left out")

    dn = os.path.join(args.npm, "cldr-dates-full", "main")
    z_ar = load(os.path.join(dn, "ar", "timeZoneNames.json"))["main"]["ar"]["dates"]["timeZoneNames"]["zone"]
    z_en = load(os.path.join(dn, "en", "timeZoneNames.json"))["main"]["en"]["dates"]["timeZoneNames"]["zone"]

    def walk(node_ar, node_en, path):
        for k, v in sorted(node_ar.items()):
            if not isinstance(v, dict):
                continue
            en_v = node_en.get(k, {}) if isinstance(node_en, dict) else {}
            if "exemplarCity" in v:
                if path and path[0] in ("Etc",):
                    continue
                en = en_v.get("exemplarCity") if isinstance(en_v, dict) else None
                add("LOC", "city", v["exemplarCity"], en or k.replace("_", " "))
            else:
                walk(v, en_v, path + [k])

    walk(z_ar, z_en, [])

    with open(args.out, "w", encoding="utf-8") as out:
        out.write("# khabar NER gazetteer v1: CLASS, kind, arabic, english; made by scripts/ner/gazetteers.py\n")
        for r in rows:
            out.write("\t".join(r) + "\n")
    print(f"wrote {len(rows)} names to {args.out}")


if __name__ == "__main__":
    main()
