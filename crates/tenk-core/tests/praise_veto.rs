//! The model veto (`[model_veto]` in the built-in policy): plain praise, thanks and
//! congratulations about leaders, colleagues and the employer do not bring up the «voice»
//! guidelines, while criticism that borrows a praise word still does. The sentences are written
//! for this test (none from an evaluation file).

use tenk_core::{Context, Engine, Lang, Role};

const VOICE: [&str; 3] = ["negative-about-colleagues", "loyalty", "mixing-roles"];

/// Praise and thanks, bokmål and nynorsk, some from a leader about their own staff.
const PRAISE: [(&str, Lang, Role); 24] = [
    (
        "Stolt av gjengen på avdelingen vår i dag, dere fikk til en kjempejobb med flyttingen.",
        Lang::Nb,
        Role::Employee,
    ),
    (
        "Tusen takk til kollegene mine på natta for at dere tok vakta mi da ungen ble syk.",
        Lang::Nb,
        Role::Employee,
    ),
    (
        "Gratulerer til teamlederen vår med ti år i etaten! Velfortjent blomst 💐",
        Lang::Nb,
        Role::Employee,
    ),
    (
        "Heldigvis har vi en sjef som tar seg tid til å høre på oss. Gull verdt.",
        Lang::Nb,
        Role::Employee,
    ),
    (
        "Jeg trives så godt på jobben, og det er kollegene sin fortjeneste ❤️",
        Lang::Nb,
        Role::Employee,
    ),
    (
        "Vil bare rose nestlederen vår, som stilte opp på lørdagen uten at noen ba om det.",
        Lang::Nb,
        Role::Employee,
    ),
    (
        "Beste kollegaer man kan ønske seg. Takk for et fint år i kommunen!",
        Lang::Nb,
        Role::Employee,
    ),
    (
        "Som leder er jeg stolt av de ansatte i bydelen, de står på hver eneste dag.",
        Lang::Nb,
        Role::Leader,
    ),
    (
        "Jeg har verdens beste medarbeidere. Takk for innsatsen i høst!",
        Lang::Nb,
        Role::Leader,
    ),
    (
        "Ansatte i Velferdsetaten gjør en forskjell for mange familier. Godt jobbet alle sammen 👏",
        Lang::Nb,
        Role::Leader,
    ),
    (
        "Flinke folk på kontoret vårt, de løste saken på en formiddag.",
        Lang::Nb,
        Role::Employee,
    ),
    (
        "Hurra for vaktmesteren vår som fikk varmen tilbake på rekordtid!",
        Lang::Nb,
        Role::Employee,
    ),
    (
        "Takknemlig for en leder som lar oss prøve nye ting.",
        Lang::Nb,
        Role::Employee,
    ),
    (
        "Ein stor takk til kollegaane mine for kaka på bursdagen min 🥳",
        Lang::Nn,
        Role::Employee,
    ),
    (
        "Eg er stolt av å jobbe i kommunen, og endå meir stolt av folka eg jobbar med.",
        Lang::Nn,
        Role::Employee,
    ),
    (
        "Gratulerer til leiaren vår, som fekk prisen for årets arbeidsmiljø. Fortent!",
        Lang::Nn,
        Role::Employee,
    ),
    (
        "Dyktige kollegar gjer kvardagen lettare. Takk for at de finst 💛",
        Lang::Nn,
        Role::Employee,
    ),
    (
        "Eg trivst svært godt i etaten, og leiinga har vore raus med oss i år.",
        Lang::Nn,
        Role::Employee,
    ),
    (
        "Som avdelingsleiar vil eg takke dei tilsette for ein formidabel innsats i sommar.",
        Lang::Nn,
        Role::Leader,
    ),
    (
        "Dei tilsette mine er gull verd. Dei gjer ein skilnad for bebuarane kvar dag.",
        Lang::Nn,
        Role::Leader,
    ),
    (
        "Heia kollegaene på mottaket, dere er fantastiske 💪",
        Lang::Nb,
        Role::Employee,
    ),
    (
        "Godt jobba av sjefen vår som fekk på plass nye stolar til alle 🙏",
        Lang::Nn,
        Role::Employee,
    ),
    (
        "Bravo til dagvakta, som fikk alt på plass før inspeksjonen.",
        Lang::Nb,
        Role::Employee,
    ),
    (
        "Skryt til etaten for at vi endelig fikk nye datamaskiner på kontoret.",
        Lang::Nb,
        Role::Employee,
    ),
];

/// Near misses: criticism that uses a praise word, irony and «but» included. Each must still
/// bring up a «voice» guideline.
const CRITICISM: [(&str, Lang); 8] = [
    ("Takk for ingenting, ledelsen. Nok en omorganisering ingen ba om.", Lang::Nb),
    ("Sjefen er sikkert flink på papiret, men han hører aldri etter når vi sier fra.", Lang::Nb),
    ("Gratulerer med enda en nedskjæring, kjære ledelse 🙄", Lang::Nb),
    ("Stolt? Nei, ikke av en arbeidsgiver som kutter i bemanningen hvert år.", Lang::Nb),
    ("Kollegaen min er sikkert dyktig, men hun forsvinner alltid før lunsj og lar oss andre ta de tunge sakene.", Lang::Nb),
    ("Leiinga skryt av seg sjølv på intranettet, medan vi står åleine på golvet.", Lang::Nn),
    ("Takk til teamleiaren vår, som tek æra for alt vi andre gjer 🙃", Lang::Nn),
    ("Fantastisk leder, ja. Han har ikke svart på en e-post siden påske.", Lang::Nb),
];

fn context(lang: Lang, role: Role) -> Context {
    Context {
        lang,
        role,
        ..Context::default()
    }
}

fn voice_findings(engine: &Engine, text: &str, ctx: &Context) -> Vec<String> {
    engine
        .analyse(text, ctx)
        .into_iter()
        .filter(|f| VOICE.contains(&f.guideline.as_str()))
        .map(|f| format!("{} ({})", f.guideline, f.detector))
        .collect()
}

#[test]
fn praise_does_not_bring_up_the_voice_guidelines() {
    let engine = Engine::default_policy();
    for (text, lang, role) in PRAISE {
        let found = voice_findings(&engine, text, &context(lang, role));
        assert!(found.is_empty(), "«{text}»: {found:?}");
    }
}

#[test]
fn criticism_with_a_praise_word_is_still_found() {
    let engine = Engine::default_policy();
    for (text, lang) in CRITICISM {
        let found = voice_findings(&engine, text, &context(lang, Role::Employee));
        assert!(!found.is_empty(), "«{text}» went quiet");
    }
}

/// A small policy: one guideline with no rules, a model that fires on «sjefen», and a veto.
fn small_policy(veto: &str) -> String {
    let texts = "title = \"t\"\nquote = \"q\"\nwhy = \"w\"\ninstead = \"i\"\nmessage = \"m\"\n";
    format!(
        "[policy]\nname = \"test\"\n\n[lexicons]\nthanks = [\"takk\", \"gratulerer\"]\nbut = [\"men\"]\n\n\
         {veto}\n\
         [[guidelines]]\nid = \"loyalty\"\nseverity = \"warn\"\n[guidelines.nb]\n{texts}\n\
         [[guidelines]]\nid = \"photos\"\nseverity = \"warn\"\n[guidelines.nb]\n{texts}\n\
         [model]\nprefix = 0\nsuffix = 0\n\n\
         [[model.guidelines]]\nid = \"loyalty\"\nbias = 0\nfire_at = 200\nweights = [\"sjefen 300\"]\n\n\
         [[model.guidelines]]\nid = \"photos\"\nbias = 0\nfire_at = 200\nweights = [\"sjefen 300\"]\n"
    )
}

const VETO: &str =
    "[model_veto]\nwhen = [\"thanks\"]\nunless = [\"but\"]\nguidelines = [\"loyalty\"]\n";

fn found(engine: &Engine, text: &str) -> Vec<String> {
    engine
        .analyse(text, &Context::default())
        .into_iter()
        .map(|f| f.guideline)
        .collect()
}

#[test]
fn the_veto_drops_the_models_findings_of_its_guidelines_only() {
    let engine = Engine::from_policy_str(&small_policy(VETO)).unwrap();
    assert_eq!(found(&engine, "sjefen bestemte det"), ["loyalty", "photos"]);
    // Praise: the listed guideline goes quiet, the other stays.
    assert_eq!(found(&engine, "takk til sjefen"), ["photos"]);
    // Praise taken back: the veto does not apply.
    assert_eq!(
        found(&engine, "takk til sjefen, men nei"),
        ["loyalty", "photos"]
    );
    // The compiled form carries the veto.
    let compiled = tenk_core::compiled::compile(&small_policy(VETO)).unwrap();
    let from_compiled = Engine::from_compiled(&compiled).unwrap();
    assert_eq!(found(&from_compiled, "takk til sjefen"), ["photos"]);
    assert_eq!(
        found(&from_compiled, "takk til sjefen, men nei"),
        ["loyalty", "photos"]
    );
    // Without a veto (another employer's policy): every model finding stands.
    let engine = Engine::from_policy_str(&small_policy("")).unwrap();
    assert_eq!(found(&engine, "takk til sjefen"), ["loyalty", "photos"]);
}

#[test]
fn a_broken_veto_is_refused_with_the_field_named() {
    for (veto, message) in [
        (
            VETO.replace("[\"thanks\"]", "[\"tanks\"]"),
            "model_veto.when: unknown lexicon «tanks»",
        ),
        (
            VETO.replace("[\"but\"]", "[\"butt\"]"),
            "model_veto.unless: unknown lexicon «butt»",
        ),
        (
            VETO.replace("when = [\"thanks\"]", "when = []"),
            "model_veto.when: name at least one lexicon",
        ),
        (
            VETO.replace("[\"loyalty\"]", "[\"loyal\"]"),
            "model_veto.guidelines: «loyal» is not a guideline of this policy",
        ),
        (
            VETO.replace("[\"loyalty\"]", "[]"),
            "model_veto.guidelines: name at least one guideline",
        ),
        (VETO.replace("when = [\"thanks\"]\n", ""), "when"),
        (format!("{VETO}bogus = 1\n"), "bogus"),
    ] {
        let e = Engine::from_policy_str(&small_policy(&veto)).expect_err(message);
        assert!(e.message.contains(message), "{veto}: {}", e.message);
    }
    // The line of a named list is given by the full TOML reader (the WebAssembly build's small
    // reader, `--no-default-features`, names the field only).
    let e = Engine::from_policy_str(&small_policy(&VETO.replace("[\"thanks\"]", "[\"tanks\"]")))
        .unwrap_err();
    let line = if cfg!(feature = "toml") {
        Some(9)
    } else {
        None
    };
    assert_eq!(e.line, line, "{}", e.message);
}
