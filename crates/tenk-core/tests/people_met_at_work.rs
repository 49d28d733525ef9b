//! Descriptions of one person met at work (a client, a resident, «en dame», «ungdommen»), with
//! where they were met and what identifies them, in bokmål, nynorsk and dialect: both
//! `confidentiality` and `clients-and-users`. One's own family, a neighbour, people in the news
//! and colleagues stay quiet. Written fresh for the helper round «conf» (2026-12-05 evening),
//! not taken from the evaluation files.

use tenk_core::{Context, Engine};

fn guidelines(text: &str) -> Vec<String> {
    Engine::default_policy()
        .analyse(text, &Context::default())
        .into_iter()
        .map(|f| f.guideline)
        .collect()
}

#[test]
fn a_person_met_at_work_with_a_detail_is_confidential_and_about_a_client() {
    let mut failures = Vec::new();
    for text in [
        "Hadde ein kar i 40-åra inne i går som ikkje har sett ungane sine på to år.",
        "Hadde en mann i 50-årene inne i dag som har bodd i telt siden august.",
        "Ho eine jenta på avlastinga har epilepsi og fekk anfall i dag.",
        "Faren til jenta vi har på avlastning sitter i fengsel for vold.",
        "Han på 19 på bustaden vår har byrja med heroin igjen.",
        "Kvinna eg hadde samtale med i dag har mista begge borna sine i ei ulukke.",
        "Gutten vi har på avlastning hver helg har begynt å skade seg selv igjen.",
        "Den somaliske mora som var inne hjå oss i går har fått kastet ut av leilegheita.",
        "Han vi kaller «Professoren» på hospitset har fått leilighet på Kalbakken!",
        "Han gamle sjømannen på sykehjemmet vårt forteller om krigen hver eneste dag.",
        "ho ene jenta på avlastninga har fått diagnose autisme nå, mora vil ikke tro det",
        "I dag hadde eg ein far på samtale som har mista kona si i ei ulukke.",
        "Fyren med dreads som alltid står utenfor kontoret vårt er visst fra Ghana.",
        "Mora til ho vesle jenta på avlastinga sit i fengsel no.",
        "Snakka med ein 80 år gammal mann i dag på kontoret som hadde vore gift i 60 år.",
        "Mammaen til en av jentene på avlastningen møtte opp full i dag.",
    ] {
        let got = guidelines(text);
        for want in ["confidentiality", "clients-and-users"] {
            if !got.iter().any(|g| g == want) {
                failures.push(format!("{want} missing on «{text}»: {got:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn private_contact_with_someone_pointed_at_from_work_is_about_a_client() {
    for text in [
        "Jeg pleier å gi han faste på venterommet en tier til kaffe.",
        "Han faste på venterommet spurte om å låne 200 kr, så jeg vippset ham.",
        "Kjøpte julegåve til han eine guten på avlastinga, han får ikkje noko heime.",
    ] {
        let got = guidelines(text);
        assert!(
            got.iter().any(|g| g == "clients-and-users"),
            "clients-and-users missing on «{text}»: {got:?}"
        );
    }
}

#[test]
fn family_neighbours_news_and_colleagues_stay_quiet() {
    let mut failures = Vec::new();
    for text in [
        "Datteren min på 14 har fått diagnosen ADHD, og hun er på avlastning annenhver helg.",
        "Moren min er 80 og bor på sykehjem på Ullern, hun har demens.",
        "Min far på 78 bor på sykehjem nå, og personalet der er fantastiske.",
        "Sønnen vår på 15 er på avlastning hver tredje helg, og det fungerer bra.",
        "En mann i 40-åra er siktet for ran på Grønland, melder politiet.",
        "Mange eldre på sykehjem har demens, og de fortjener bedre.",
        "Kollegaen min på avdelinga fyller 60 i dag, hipp hurra!",
        "Vi har en kar på jobben som alltid kommer med kaffe til oss.",
        "Naboen på 80 satt alene på benken utenfor i dag, tok en kaffe med ham.",
        "Mannen i kassa på Kiwi var fra Ghana og kjempehyggelig.",
        "Kona mi jobbar på avlastinga i bydelen og har nattevakt i kveld.",
        "Pappaen til Emma i klassen arrangerer fotballturnering på lørdag.",
        "Mora til bestevenninna mi døde i går, så trist.",
        "Jenta mi på 16 har fått jobb på sykehjemmet, så stolt.",
        "Han gamle naboen vår døde i går, 92 år gammel. Hvil i fred.",
    ] {
        let got = guidelines(text);
        if got
            .iter()
            .any(|g| g == "confidentiality" || g == "clients-and-users")
        {
            failures.push(format!("«{text}»: {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
