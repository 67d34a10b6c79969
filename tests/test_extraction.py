"""Extraction rules: unit tests per rule family (cased and lower-cased), property tests that the
cased and lower-cased/tokenized forms give the same events and that every offset indexes the
original body, and a dev-gold floor (skipped without ../shared)."""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ingestion.extraction import extract_article
from ingestion.extraction.dates import find as find_dates
from ingestion.extraction.normalize import canonical, tokenize
from ingestion.extraction.sentences import split

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
D = date(2017, 12, 27)  # a wednesday

_ABBR = {"u.s.", "u.n.", "jr.", "mr.", "mrs.", "ms.", "dr.", "sen.", "gen.", "rep.", "nov.", "dec.",
         "jan.", "feb.", "aug.", "sept.", "oct.", "st.", "no.", "inc.", "corp.", "co.", "gov."}


def to_lowertok(text: str) -> str:
    """Mirror of the corpus' lower-cased tokenized form, written independently of normalize.py:
    lower case, quotes and apostrophes dropped ("korea’s" -> "korea s"), punctuation split off,
    abbreviations ("u.s.", "nov.") kept whole."""
    text = text.lower()
    text = re.sub(r"[\"“”‘’'`]", " ", text)
    text = re.sub(r"([,;:()?!\[\]])", r" \1 ", text)
    out = []
    for w in text.split():
        if w.endswith(".") and w not in _ABBR and not re.fullmatch(r"(?:[a-z]\.)+", w):
            out.extend([w.rstrip("."), "."] if w.rstrip(".") else ["."])
        else:
            out.append(w)
    return " ".join(t for t in out if t)


def events(x) -> tuple:
    """Everything except offsets: what must be identical for cased and lower-cased input."""
    return (
        sorted((s.speaker_name, s.speaker_kind, s.speaker_country_code, s.reporting_verb,
                s.sentence_index, str(s.event_date)) for s in x.statements),
        sorted((s.imposer_code, s.target_code, s.action, s.sanction_type, str(s.event_date))
               for s in x.sanctions),
        sorted((tuple(sorted(p.actor_code for p in c.participants)), c.mode, c.status,
                str(c.event_date)) for c in x.contacts),
        (x.dateline_location, x.publisher),
    )


def both(text: str, d: date = D):
    a = extract_article(text, None, d)
    b = extract_article(to_lowertok(text), None, d)
    assert events(a) == events(b)
    return a


def speakers(x) -> set[str]:
    return {s.speaker_name for s in x.statements}


def sanctions(x) -> set[tuple]:
    return {(s.imposer_code, s.target_code, s.action) for s in x.sanctions}


def contacts(x) -> list[tuple]:
    return [(tuple(sorted({p.actor_code for p in c.participants})), c.mode, c.status, c.event_date)
            for c in x.contacts]


# --- normalization, sentences, dateline ---------------------------------------------------------

def test_normalize_matches_corpus_form():
    body = "WASHINGTON (Reuters) - North Korea’s “test” on Nov. 29 worried the U.S. Mr. Smith said."
    assert canonical(body) == ("washington ( reuters ) - north korea s test on nov. 29 worried the "
                               "u.s. mr. smith said .")
    assert canonical(canonical(body)) == canonical(body)
    assert to_lowertok(body) == canonical(body)


def test_sentence_split_keeps_abbreviations():
    toks = tokenize("Sen. John Smith met Gen. Lee on Nov. 29 in the U.S. capital. He left. "
                    "Trump Jr. arrived.").text
    sents = [" ".join(toks[a:b]) for a, b in split(toks)]
    assert len(sents) == 3
    assert sents[0].startswith("sen. john smith met gen. lee on nov. 29")


def test_dateline_is_not_an_actor():
    x = both("BEIJING/MOSCOW (Reuters) - Russia said on Tuesday it was ready to talk.")
    assert x.dateline_location == "beijing/moscow" and x.publisher == "reuters"
    assert all(m.actor_name != "china" for m in x.actors)
    assert speakers(x) == {"russia"}


# --- statements ---------------------------------------------------------------------------------

def test_statement_orders_and_titles():
    x = both("State Department spokeswoman Heather Nauert said the talks would continue. "
             "The plan is unacceptable, said Russian Foreign Minister Sergei Lavrov. "
             "According to the Kremlin, the meeting was useful. Lavrov added that more was needed.")
    st_ = {s.speaker_name: s for s in x.statements}
    assert set(st_) == {"heather nauert", "sergei lavrov", "kremlin"}
    assert st_["heather nauert"].speaker_country_code == "USA"
    assert st_["sergei lavrov"].speaker_country_code == "RUS"
    assert st_["kremlin"].speaker_kind == "organization"


def test_capital_speaks_for_its_country_and_anonymous_sources_are_not_speakers():
    x = both("Moscow said the move was hostile. A senior official said it was a mistake. "
             "Analysts said the risk was rising. Xinhua said the talks went well.")
    assert speakers(x) == {"russia"}
    assert x.statements[0].speaker_kind == "country"


def test_apposition_speaker():
    x = both("Richard Burr, the panel's chairman, told reporters on Tuesday he expected more.")
    assert speakers(x) == {"richard burr"}
    assert x.statements[0].event_date == date(2017, 12, 26)


def test_organization_speakers_and_clause_subjects():
    x = both("Magellan Midstream Partners LP said on Tuesday it was investigating the spill. "
             "Rex Tillerson spoke with Turkish Foreign Minister Mevlut Cavusoglu and expressed concern. "
             "Saad al-Hariri, who resigned on Saturday, accused Iran of meddling. "
             "An FBI agent said the emails were found.")
    st_ = {s.speaker_name: s for s in x.statements}
    assert set(st_) == {"magellan midstream partners lp", "rex tillerson", "saad al-hariri"}
    assert st_["magellan midstream partners lp"].speaker_kind == "organization"
    assert st_["saad al-hariri"].speaker_country_code == "LBN"


def test_surname_named_in_full_earlier_speaks():
    x = both("The case was brought by Ciaran McClean, a mental health worker. "
             "The deal threatens peace, McClean wrote on his page.")
    assert speakers(x) == {"ciaran mcclean"}


# --- sanctions ----------------------------------------------------------------------------------

def test_sanction_impose_with_modifier_and_target_nationals():
    x = both("Washington announced sanctions on two North Korean officials on Tuesday.")
    assert sanctions(x) == {("USA", "PRK", "impose")}
    assert x.sanctions[0].event_date == date(2017, 12, 26)
    assert x.sanctions[0].cameo_code == "163"


def test_sanction_threaten_lift_and_passive():
    x = both("The European Union threatened fresh sanctions against Iran. "
             "The United States lifted sanctions on Sudan. "
             "A Chinese bank was blacklisted by the U.S. Treasury.")
    assert sanctions(x) == {("EU", "IRN", "threaten"), ("USA", "SDN", "lift"),
                            ("USA", "CHN", "impose")}
    codes = {s.action: s.cameo_code for s in x.sanctions}
    assert codes["threaten"] == "1312" and codes["lift"] == "085"


def test_trade_suspension_visa_services_and_reciprocity():
    x = both("The Philippines suspended trade with North Korea on Monday. "
             "The United States is seeking an explanation for the arrest. "
             "It suspended most visa services in Turkey. Turkey reciprocated within hours.")
    assert sanctions(x) == {("PHL", "PRK", "impose"), ("USA", "TUR", "impose"), ("TUR", "USA", "impose")}


def test_sanctions_talked_about_are_not_lifted():
    x = both("Flynn discussed lifting sanctions on Russia with the ambassador. "
             "Investigators asked whether U.S. sanctions on Russia could be lifted. "
             "Moscow has never supported the imposition of an embargo on North Korea.")
    assert sanctions(x) == set()


def test_background_sanctions_are_not_entries():
    x = both("The economy of Iran, long under U.S. sanctions, grew. Its sanctions-hit banks struggled.")
    assert sanctions(x) == set()


def test_sanction_imposer_as_subject_of_a_governing_verb():
    x = both("The Security Council voted unanimously on Monday on a resolution and a new round of "
             "sanctions against Eritrea.")
    assert sanctions(x) == {("UN", "ERI", "impose")}
    assert x.sanctions[0].event_date == date(2017, 12, 25)


def test_sanction_imposer_from_relative_clause_and_under_an_act():
    x = both("Moscow condemned a U.S. law which imposes sanctions on Russian officials.")
    assert sanctions(x) == {("USA", "RUS", "impose")}
    x = both("Syria expelled two envoys in retaliation for sanctions imposed under a British law.")
    assert sanctions(x) == {("GBR", "SYR", "impose")}


def test_sanctions_put_to_a_future_vote_are_threats():
    x = both("The U.S. Senate will vote on Thursday on a bill, to impose new sanctions on Iran.")
    assert sanctions(x) == {("USA", "IRN", "threaten")}
    assert x.sanctions[0].event_date == date(2017, 12, 28)


def test_a_country_name_before_sanctions_is_the_target_an_adjective_the_imposer():
    x = both("The EU extended Russia sanctions for six months. U.S. sanctions on Iran were lifted.")
    assert sanctions(x) == {("EU", "RUS", "extend"), ("USA", "IRN", "lift")}
    x = both("The U.S. bill would boost oversight of North Korea sanctions.")
    assert sanctions(x) == set()


def test_definite_descriptions_name_the_salient_state():
    x = both("North Korea fired a missile. Japan imposed new sanctions on the North on Tuesday.")
    assert sanctions(x) == {("JPN", "PRK", "impose")}
    x = both("Iran curbed its program in exchange for the lifting of sanctions against the Islamic "
             "Republic.")
    assert sanctions(x) == set()


def test_trade_cut_offs_are_measures_on_the_partner_state():
    x = both("Moscow banned imports of Turkish fruit. China suspended imports of North Korean coal. "
             "Saudi Arabia cut diplomatic and trade ties with Qatar.")
    assert sanctions(x) == {("RUS", "TUR", "impose"), ("CHN", "PRK", "impose"),
                            ("SAU", "QAT", "impose")}
    x = both("Russia lifted a ban on imports of Turkish tomatoes. China's exports to Chile fell.")
    assert sanctions(x) == {("RUS", "TUR", "lift")}


def test_adding_a_states_officials_to_a_sanctions_list():
    x = both("The EU added three North Korean officials to its sanctions list. "
             "Trump added that sanctions on Russia would remain.")
    assert sanctions(x) == {("EU", "PRK", "impose")}


def test_the_bloc_and_the_council_stand_for_the_organization_named_before():
    x = both("EU foreign ministers met in Brussels. The bloc imposed sanctions on Venezuela.")
    assert sanctions(x) == {("EU", "VEN", "impose")}
    x = both("The U.N. Security Council met. The council imposed new sanctions on North Korea.")
    assert sanctions(x) == {("UN", "PRK", "impose")}


def test_predicted_consequences_are_not_threats():
    x = both("Evidence of meddling would translate into tougher U.S. sanctions against Moscow.")
    assert sanctions(x) == set()


def test_a_measure_taken_to_comply_is_imposed_and_government_of_x_is_x():
    x = both("The Philippines suspended trade with North Korea to comply with sanctions. "
             "Trump urged the European Union to join in sanctioning the government of Venezuelan "
             "President Nicolas Maduro.")
    assert sanctions(x) == {("PHL", "PRK", "impose"), ("EU", "VEN", "threaten")}


def test_keeping_sanctions_is_a_stance_unless_for_a_stated_time():
    x = both("Ryan said the United States should keep its sanctions against Russia.")
    assert sanctions(x) == set()
    x = both("EU leaders agreed to keep economic sanctions on Russia in place for another six "
             "months.")
    assert sanctions(x) == {("EU", "RUS", "extend")}


def test_sanctions_to_punish_x_and_arms_sale_restrictions():
    x = both("The U.S. Congress voted for sanctions to punish the Russian government. "
             "Merkel said Germany would restrict some arms sales to Turkey. "
             "Germany approved arms sales to Egypt.")
    assert sanctions(x) == {("USA", "RUS", "impose"), ("DEU", "TUR", "threaten")}


def test_retaliation_against_sanctions_names_their_target():
    x = both("Russia retaliated against the U.S. sanctions by expelling diplomats.")
    assert sanctions(x) == {("USA", "RUS", "impose")}


def test_bills_being_drafted_or_introduced_are_threats_passed_ones_are_not():
    x = both("U.S. senators said they were close to an agreement on legislation imposing new "
             "sanctions on Russia.")
    assert sanctions(x) == {("USA", "RUS", "threaten")}
    x = both("The U.S. House passed legislation imposing new sanctions on Russia.")
    assert sanctions(x) == {("USA", "RUS", "impose")}


def test_vetoed_and_stopped_short_sanctions_are_not_entries():
    x = both("Hungary said it would veto any sanctions on Poland. "
             "China stopped short of imposing an oil embargo on North Korea. "
             "Russia vetoed a draft resolution that would have imposed an arms embargo on Zimbabwe. "
             "Any new U.S. sanctions against Cuba would hurt Canadian firms. "
             "Iran agreed to curb its program in exchange for sanctions against it being lifted.")
    assert sanctions(x) == set()


def test_cut_off_from_the_financial_system_and_designations():
    x = both("The U.S. Treasury on Tuesday cut off a Chinese bank from the U.S. financial system. "
             "Washington declared North Korea a primary money laundering concern. "
             "Regulators must protect the financial system.")
    assert sanctions(x) == {("USA", "CHN", "impose"), ("USA", "PRK", "impose")}
    x = both("A U.N. resolution requires states to sever correspondent banking relationships with "
             "North Korean banks.")
    assert sanctions(x) == {("UN", "PRK", "impose")}


def test_modal_words_before_an_introductory_comma_do_not_make_a_threat():
    x = both("As part of its effort to push Beijing, the U.S. Treasury cut off a Chinese bank from "
             "the U.S. financial system.")
    assert sanctions(x) == {("USA", "CHN", "impose")}


def test_sanction_passives_escalation_and_coreferent_targets():
    x = both("Two Iranian banks, sanctioned by the European Union, closed. "
             "North Korea, already sanctioned by the United Nations, fired a missile.")
    assert sanctions(x) == {("EU", "IRN", "impose")}
    x = both("Eritrea tested a missile, prompting a new round of U.N. sanctions.")
    assert sanctions(x) == {("UN", "ERI", "impose")}
    x = both("Russia said new EU sanctions against it were illegal.")
    assert sanctions(x) == {("EU", "RUS", "impose")}
    x = both("Japan ramped up sanctions on North Korea on Tuesday.")
    assert sanctions(x) == {("JPN", "PRK", "impose")}


def test_wanting_an_embargo_is_a_threat():
    x = both("The European Union wants an oil embargo on Kenya that it hopes others will follow.")
    assert sanctions(x) == {("EU", "KEN", "threaten")}


def test_sanction_confidence_ranks_the_rule():
    x = both("Japan imposed sanctions on North Korea. New EU sanctions on Syria hit its banks.")
    conf = {s.target_code: s.confidence for s in x.sanctions}
    assert 0 <= conf["SYR"] < conf["PRK"] <= 1


def test_coordinated_subjects_relative_which_and_counted_rounds():
    x = both("Saudi Arabia and Bahrain, along with Egypt, imposed travel, economic and diplomatic "
             "sanctions on Qatar.")
    assert sanctions(x) == {("SAU", "QAT", "impose"), ("BHR", "QAT", "impose"),
                            ("EGY", "QAT", "impose")}
    x = both("Ties soured under the Obama administration, which slapped sanctions on Russia.")
    assert sanctions(x) == {("USA", "RUS", "impose")}
    x = both("The U.N. Security Council has imposed nine rounds of sanctions on North Korea.")
    assert sanctions(x) == {("UN", "PRK", "impose")}


def test_a_ban_on_doing_business_with_a_state_is_a_measure_against_it():
    x = both("EU ministers imposed a blanket ban on doing business with Iran on Monday. Firms "
             "doing business with Cuba face no new rules.")
    assert sanctions(x) == {("EU", "IRN", "impose")}


def test_sanctions_imposed_by_x_on_y_report_an_imposition_whatever_governs_them():
    x = both("In an interview on Friday, the candidate said he might do away with sanctions imposed "
             "by the Obama administration on Russia in late December.")
    assert sanctions(x) == {("USA", "RUS", "impose")}
    assert [s.event_date for s in x.sanctions] == [None]


def test_asset_and_property_freezes_name_their_target_after_of():
    x = both("The U.S. executive order freezes any property of the North Korean government.")
    assert sanctions(x) == {("USA", "PRK", "impose")}
    x = both("Treasury Secretary Steven Mnuchin said he would put together new sanctions to cut off "
             "all of North Korea's trade.")
    assert sanctions(x) == {("USA", "PRK", "threaten")}


# --- dates ----------------------------------------------------------------------------------------

def test_past_verb_before_a_weekday_dates_the_past_even_for_plans():
    x = both("U.S. senators said on Monday they would introduce legislation to impose sanctions on "
             "Russia.")
    assert sanctions(x) == {("USA", "RUS", "threaten")}
    assert x.sanctions[0].event_date == date(2017, 12, 25)


def test_a_vote_due_on_a_weekday_is_the_coming_one():
    x = both("The U.N. Security Council is due to vote on Friday on a resolution that seeks to "
             "toughen sanctions on North Korea.")
    assert sanctions(x) == {("UN", "PRK", "threaten")}
    assert x.sanctions[0].event_date == date(2017, 12, 29)


def test_targets_do_not_reach_across_a_comma():
    x = both("Its bank paid a fine over violations of U.S. sanctions against other countries, "
             "the French government said.")
    assert ("USA", "FRA", "enforce") not in sanctions(x)


def test_a_date_between_the_noun_and_its_target_is_skipped():
    x = both("Peskov said U.S. sanctions announced on Monday, on several Russian officials, were "
             "unfriendly.")
    assert sanctions(x) == {("USA", "RUS", "impose")}
    assert x.sanctions[0].event_date == date(2017, 12, 25)


def test_a_first_person_promise_is_a_threat_made_the_day_it_is_reported():
    x = both("“We will widen the list of Canadian officials banned from entering Russia,” Russian "
             "Foreign Ministry spokeswoman Maria Zakharova said.")
    assert sanctions(x) == {("RUS", "CAN", "threaten")}
    assert x.sanctions[0].event_date == D


def test_a_first_person_imposer_is_the_speaker():
    x = both("“We will impose new sanctions on Iran,” Trump said on Friday.")
    assert sanctions(x) == {("USA", "IRN", "threaten")}
    assert x.sanctions[0].event_date == date(2017, 12, 22)
    x = both("“We imposed new sanctions on Iran,” Trump said.")
    assert sanctions(x) == {("USA", "IRN", "impose")}


def test_present_tense_news_is_the_articles_day_unless_dated():
    x = both("The U.S. bill imposes sanctions on Iran, Senator John Smith says.")
    assert [(s.event_date, s.date_precision) for s in x.sanctions] == [(D, "day")]
    x = both("The U.S. Treasury imposed sanctions on Iran last month.")
    assert [(s.event_date, s.date_precision) for s in x.sanctions] == [(None, "month")]


# --- statements: quotes and confidence -----------------------------------------------------------

def test_direct_quotes_are_marked_in_every_quote_style():
    for text in ("“We will not lift these sanctions,” Trump said on Friday.",
                 '"We will not lift these sanctions," Trump said on Friday.',
                 "`` we will not lift these sanctions , '' trump said on friday ."):
        x = extract_article(text, None, D)
        assert [(s.speaker_name, s.is_direct_quote) for s in x.statements] == [("donald trump", True)]
    x = extract_article("Trump said the move was “unacceptable” and would be answered.", None, D)
    assert [s.is_direct_quote for s in x.statements] == [False]


def test_conjoined_speaker_with_an_unknown_name_still_speaks():
    x = both("Paul Keller was the envoy. Keller and Brandt said few prisoners were freed.")
    assert [s.speaker_name for s in x.statements] == ["paul keller"]


def test_pronoun_after_an_opening_subordinate_clause_is_its_person():
    x = both("As Emmanuel Macron left Beijing, he said on Monday that trade would grow.")
    assert [s.speaker_name for s in x.statements] == ["emmanuel macron"]


def test_place_closing_a_quote_is_not_the_speaker_who_follows():
    x = both("“Prices will keep rising in Brazil,” said Marta Oliveira, an economist.")
    assert [s.speaker_name for s in x.statements] == ["marta oliveira"]


def test_object_of_a_preposition_before_saying_is_not_the_speaker():
    x = both("Canada and its partners blame Iran for sending drones to the Houthis, saying the "
             "shipments break an embargo.")
    assert [s.speaker_name for s in x.statements] == ["canada"]


def test_person_after_a_title_inside_a_prepositional_phrase_is_no_subject():
    x = both("Officials fined a driver for hiding his meeting with Prime Minister Jonas Lindqvist "
             "last spring, saying it broke the rules.")
    assert "jonas lindqvist" not in speakers(x)


def test_a_negated_reporting_verb_is_no_statement():
    x = both("Governor Lena Marsh did not say whether she would run. Tom Reyes has never commented "
             "on the deal.")
    assert x.statements == []


def test_an_unnamed_person_is_no_speaker_whatever_place_follows():
    x = both("Exports fell sharply, according to a Korean diplomat in Brussels. “Nothing has "
             "changed,” said a trader close to the government in Lagos.")
    assert x.statements == []


def test_a_list_after_a_preposition_is_no_subject_but_an_apposition_is_not_a_list():
    x = both("Merkel and an aide voiced doubts about France, Italy and Spain, saying budgets had "
             "slipped. A lawyer for Ivan Petrov, Maria Lopez, said the case would be dropped.")
    assert speakers(x) == {"angela merkel", "maria lopez"}


def test_and_said_after_an_opening_phrase_keeps_the_clause_subject():
    x = both("Later on Friday, Vince Halloran apologized and said he regretted the remark. "
             "Gloria Allred, a lawyer, declined to comment.")
    assert speakers(x) == {"vince halloran"}


def test_given_names_from_several_regions_start_a_name_and_company_suffixes_end_none():
    x = both("Phil Garrow, a consultant, said the deal was dead. “We will stay,” said Mushtaq "
             "Rahim, 57, a farmer. Yukio Tanabe told reporters it was over. Walt Ridley Co said "
             "sales rose.")
    assert speakers(x) == {"phil garrow", "mushtaq rahim", "yukio tanabe", "walt ridley co"}
    assert {s.speaker_kind for s in x.statements if s.speaker_name == "walt ridley co"} == {"organization"}


def test_given_names_from_the_generated_list_start_a_name_but_words_and_places_do_not():
    x = both("Budget director Guido Brannstaetter said the plan was ready. Muslim villagers said "
             "they fled. Florida officials said the port was shut.")
    assert speakers(x) == {"guido brannstaetter"}


def test_the_generated_given_names_hold_no_excluded_word_or_gazetteer_surface():
    from ingestion.extraction import gazetteer, resources
    generated = resources.first_names() - resources.first_names(generated=False)
    assert len(generated) > 10_000
    excluded = set(yaml.safe_load((resources.DATA / "given_name_exclusions.yaml")
                                  .read_text(encoding="utf-8"))["words"].split())
    assert not generated & excluded
    assert not generated & set(gazetteer.entries())
    assert resources.name_genders().get("guido") == "m"


def test_a_common_word_or_place_after_a_given_name_and_before_said_is_the_surname():
    x = both("Budget director Gary Field said the plan was ready. Representative Anna King told "
             "reporters she agreed. Prime Minister Tom English said talks went well. Lena Brown "
             "Jr. left. Morgan Stanley analysts said rates would rise. A bill they said would "
             "fail. Kate also said nothing.")
    assert speakers(x) == {"gary field", "anna king", "tom english"}
    assert all(s.speaker_country_code != "GBR" for s in x.statements)


def test_but_coordinated_verbs_dashes_and_long_roles_keep_the_subject():
    x = both("Ivan Petrov, a veteran history professor at a college in Ohio, said the plan "
             "was flawed. Maria Lopez, a lawyer for the firm, did not dispute that but added "
             "that no rule was broken. Tom Reyes, the head of Reyes Shipping Corp - one of the "
             "largest carriers - said rates would rise.")
    assert speakers(x) == {"ivan petrov", "maria lopez", "tom reyes"}


def test_a_possessor_a_participles_object_and_an_alliance_name_are_not_the_subject():
    x = both("President Donald Trump's defense adviser praised the deal but added that risks "
             "remained. Visiting Seoul last week, Ivan Petrov warned of delays but also urged "
             "calm. NATO member Norway welcomed the vote but said it would not join.")
    assert speakers(x) == {"ivan petrov", "norway"}


def test_a_pronoun_in_the_subjects_own_clause_is_that_subject():
    x = both("Maria Lopez spoke first. Ivan Petrov made clear he blamed the banks for the crash.")
    assert {(s.speaker_name, s.reporting_verb) for s in x.statements} == {("ivan petrov", "blamed")}


def test_a_person_after_an_inverted_said_beats_an_object_before_the_comma():
    x = both("He did not ask Ivan Petrov, the then Italian envoy to Spain, to do anything, said "
             "Maria Lopez, calling the report false.")
    assert speakers(x) == {"maria lopez"}


def test_a_topic_state_before_an_experts_role_is_not_their_country():
    x = both("Ivan Petrov, a senior Somalia analyst at a think tank in Nairobi, said the port "
             "would reopen.")
    assert {(s.speaker_name, s.speaker_country_code) for s in x.statements} == {("ivan petrov", None)}


def test_an_unknown_name_described_as_an_organization_speaks_as_one():
    x = both("Harbor Watch, a nonpartisan advocacy group, said the rules were weak. The Kestrel "
             "Fund, the largest pension fund, said it agreed. Ostrava Daily, a news "
             "website, said the vote was close. Still, the bank, a state lender, said it would act.")
    assert {(s.speaker_name, s.speaker_kind, s.speaker_country_code) for s in x.statements} == {
        ("harbor watch", "organization", None), ("kestrel fund", "organization", None)}
    assert x.contacts == [] and x.sanctions == []


def test_an_organization_after_unknown_modifiers_in_a_phrase_is_no_subject():
    x = both("Ivan Petrov, co-director of the Urban-Lakeside Tax Policy Center, said rates would "
             "rise. In a speech at conservative think tank the Heritage Foundation, Maria Lopez "
             "denied the report and said she would stay.")
    assert {(s.speaker_name, s.reporting_verb) for s in x.statements} == {
        ("ivan petrov", "said"), ("maria lopez", "denied"), ("maria lopez", "said")}
    x = both("Rates will rise, according to the nonpartisan Tax Policy Center.")
    assert speakers(x) == {"tax policy center"}


def test_a_common_word_surname_named_in_full_earlier_speaks_before_a_reporting_verb():
    x = both("Prime Minister Jane May told the unions on Monday that talks would go on. Later, "
             "May said there was no deal. Sales fell in May, the group reported. May has also said "
             "so. May also insisted on it.")
    assert {(s.speaker_name, s.sentence_index) for s in x.statements} == {
        ("jane may", 0), ("jane may", 1), ("jane may", 4)}
    x = both("Dana Grenfell, a former U.S. spokesman at the United Nations, said it was over.")
    assert {(s.speaker_name, s.speaker_country_code) for s in x.statements} == {("dana grenfell", "USA")}


def test_maintaining_ties_is_no_claim_and_an_organization_in_a_phrase_is_no_speaker():
    x = both("Cuba has maintained close ties with Chile since 1960. Peru has maintained that the "
             "border is closed. Ivan Petrov of the secretive Harbor Front (HF) said talks failed. "
             "A spokesman for the Peruvian foreign ministry said the talks would resume.")
    assert speakers(x) == {"peru", "ivan petrov", "peruvian foreign ministry"}


def test_a_name_described_as_a_private_person_speaks_when_the_sentence_reports_speech():
    x = both("Tilda Varga, a 74-year-old retired teacher from Ohio, said she voted early. Orm "
             "Kettle, a farmer, harvested corn. Brin Osei, a veteran Democratic pollster, told "
             "reporters the race was close.")
    assert {(s.speaker_name, s.speaker_country_code) for s in x.statements} == {
        ("tilda varga", None), ("brin osei", None)}


def test_a_ministry_without_its_state_belongs_to_the_datelines_state():
    x = both("CAIRO (Reuters) - The interior ministry said on Monday that 12 men were arrested.")
    assert {(s.speaker_name, s.speaker_country_code) for s in x.statements} == \
        {("interior ministry", "EGY")}


def test_an_object_before_an_apposition_is_no_speaker_but_a_spokesmans_principal_is():
    x = both("“It is over,” the top Democrat on the Senate committee, Ivan Petrov, said. "
             "A spokeswoman for Senator Maria Lopez, the panel's chair, said she would vote no.")
    assert speakers(x) == {"ivan petrov", "maria lopez"}
    x = both("A source in the French military, which has not commented, said patrols would end.")
    assert x.statements == []


def test_asked_and_told_are_no_inverted_verbs_for_their_object():
    x = both("Asked about Ivan Petrov, the mayor said nothing. “Why now?” asked Maria Lopez. "
             "“We are serious,” Morgan Hale, a former minister, told parliament.")
    assert speakers(x) == {"maria lopez", "morgan hale"}


def test_a_pronoun_opening_the_clause_is_its_subject_not_the_object_after_it():
    x = both("He declared Ivan Petrov a coward and urged his rivals to quit. It could send the case "
             "back to judge Maria Lopez, saying it is premature.")
    assert x.statements == []


def test_the_name_after_an_inverted_verb_beats_the_object_before_its_comma():
    x = both("“Congress must defund Amnesty International,” said Joe Farrant. Rulings that benefited "
             "Sinclair, the largest broadcaster, were cited. Sinclair announced plans in May.")
    assert speakers(x) == {"joe farrant"}


def test_a_state_modifying_an_unnamed_head_is_no_subject():
    x = both("The largest Kenyan veterans service organization on Thursday urged President Paul Otieno "
             "to veto the bill, saying it would hurt veterans. A U.S. court sided with Otieno, saying "
             "the law was void. Kenya and Peru have accused Chile of lying and called for talks.")
    assert speakers(x) == {"kenya", "peru"}


def test_a_bare_congress_under_a_foreign_dateline_is_that_states_unless_the_us_is_named():
    x = both("LIMA (Reuters) - Congress said on Monday it would vote on the budget. Trump said "
             "Congress would act.")
    assert {(s.speaker_name, s.speaker_country_code) for s in x.statements} == \
        {("congress", "PER"), ("donald trump", "USA")}


def test_a_named_subject_before_a_place_or_time_and_a_role_holder_after_a_comma_speak():
    x = both("U.S. District Judge Ivan Petrov in Winston-Salem wrote that the law stood. Maria Lopez, "
             "Republican chairman of the House Ways and Means Committee, said taxes would fall. "
             "“We will win,” said the group's top strategist, Joe Farrant. Those who voted for Lopez "
             "in 2016 said they would again.")
    assert speakers(x) == {"ivan petrov", "maria lopez", "joe farrant"}


def test_a_pronoun_with_no_recent_speaker_is_the_person_leading_the_previous_sentence():
    x = both("Senator Ivan Petrov voted for the bill in 2001. “I would never have imagined this,” he "
             "said on Monday.")
    assert speakers(x) == {"ivan petrov"}


def test_he_and_she_follow_the_gender_of_a_known_given_name():
    x = both("Senator Paul Otieno voted for the bill. Maria Lopez, his rival, criticized it. "
             "“It is a disgrace,” she said.")
    assert speakers(x) == {"maria lopez"}
    x = both("Maria Lopez said the vote was close. Senator Paul Otieno was in Nairobi. “We lost,” "
             "he said.")
    assert speakers(x) == {"maria lopez", "paul otieno"}


def test_nouns_that_look_like_verbs_and_a_role_phrase_before_the_subject():
    x = both("Analysts say Kenya will fend off U.S. demands. Peru and Chile also have claims in the "
             "sea. Maria Lopez, appointed by Democratic former President Ivan Petrov, said the case was "
             "weak. White House economic adviser Joe Farrant criticized the bill, saying it was "
             "too costly.")
    assert speakers(x) == {"maria lopez", "joe farrant"}


def test_states_after_a_state_or_body_is_the_noun():
    x = both("Nine U.S. states sued the agency on Monday. Most EU states want a deal.")
    assert x.statements == []


def test_one_named_among_the_subject_still_speaks():
    x = both("Several senators, including Tammy Duckworth, have said the bill should pass.")
    assert "tammy duckworth" in speakers(x)


def test_un_envoy_speaks_for_the_un_and_a_states_envoy_to_it_for_the_state():
    x = both("U.N. envoy Karl Lund met Libyan Prime Minister Omar Tarhuni on Monday. Kenyan U.N. "
             "Ambassador Joseph Mwangi said the council would meet.")
    assert contacts(x)[0][0] == ("LBY", "UN")
    assert {s.speaker_name: s.speaker_code for s in x.statements}["joseph mwangi"] == "KEN"


def test_statement_confidence_prefers_a_named_subject_over_a_pronoun():
    x = both("Vladimir Putin said the talks failed. He said Moscow would respond.")
    confs = [s.confidence for s in sorted(x.statements, key=lambda s: s.sentence_index)]
    assert confs[0] > confs[1] and all(0 <= c <= 1 for c in confs)


# --- contacts -----------------------------------------------------------------------------------

def test_phone_call_between_named_ministers():
    x = both("Secretary of State Rex Tillerson and Russian Foreign Minister Sergei Lavrov spoke by "
             "telephone on Tuesday, the State Department said.")
    assert contacts(x) == [(("RUS", "USA"), "phone", "occurred", date(2017, 12, 26))]
    assert x.contacts[0].cameo_code == "041"
    assert {p.person_name for p in x.contacts[0].participants} >= {"rex tillerson", "sergei lavrov"}


def test_contact_confidence_prefers_named_sides_over_a_pronoun():
    x = both("Chinese President Xi Jinping met Japanese Prime Minister Shinzo Abe on Monday. "
             "Vladimir Putin praised the deal. He met Turkish President Tayyip Erdogan on Monday.")
    conf = {tuple(sorted(p.actor_code for p in c.participants)): c.confidence for c in x.contacts}
    assert 0 <= conf[("RUS", "TUR")] < conf[("CHN", "JPN")] <= 1


def test_planned_meeting_resolves_next_weekday():
    x = both("Chinese President Xi Jinping will meet Japanese Prime Minister Shinzo Abe on Friday.")
    assert contacts(x) == [(("CHN", "JPN"), "meeting", "planned", date(2017, 12, 29))]


def test_multi_stop_trip_is_one_visit_per_host_and_domestic_is_excluded():
    x = both("President Donald Trump met with U.S. senators on Monday. "
             "He will visit Japan, South Korea and China next month.")
    assert sorted(c[0] for c in contacts(x)) == [("CHN", "USA"), ("JPN", "USA"), ("KOR", "USA")]
    assert all(c[1] == "visit" and c[2] == "planned" and c[3] is None for c in contacts(x))


def test_repeated_contact_is_merged():
    x = both("Xi Jinping met Vladimir Putin in Beijing on Monday. "
             "Putin and Xi met again after the dinner.")
    assert len(x.contacts) == 1


def test_topics_private_persons_and_subjectless_objects_are_no_contacts():
    x = both("President Donald Trump praised his meetings on trade and North Korea. "
             "Myanmar said it was negotiating with China and Russia. "
             "Donald Trump Jr. met with a Russian lawyer in June 2016.")
    assert contacts(x) == []


def test_hyphenated_pair_names_both_sides():
    x = both("Officials are still waiting for results from the U.S.-China economic dialogue held in "
             "July. The Trump-Putin meeting lasted two hours.")
    assert sorted((c[0], c[1]) for c in contacts(x)) == [(("CHN", "USA"), "talks"),
                                                         (("RUS", "USA"), "meeting")]


def test_pair_as_topic_and_restarting_talks_are_no_contacts():
    x = both("Smith said he had discussed U.S.-Russia relations during a meeting in Geneva. "
             "Kushner is leading efforts to restart long-stalled Israeli-Palestinian peace talks.")
    assert contacts(x) == []


def test_brexit_talks_are_eu_britain_talks():
    x = both("The report was meant to disrupt Brexit negotiations, the commission said.")
    assert [(c[0], c[1]) for c in contacts(x)] == [(("EU", "GBR"), "talks")]


def test_role_holder_of_a_possessor_is_a_side():
    x = both("Trump’s Middle East envoy and Israeli Prime Minister Benjamin Netanyahu meet in "
             "Jerusalem as the administration tries to revive peace efforts.")
    assert contacts(x) == [(("ISR", "USA"), "meeting", "occurred", D)]


def test_meeting_for_a_round_of_talks_is_talks():
    x = both("Cuba and the United States will meet next week for a third round of talks.")
    assert contacts(x) == [(("CUB", "USA"), "talks", "planned", None)]


def test_contact_framed_by_after_is_between_the_clause_people():
    x = both("A report said Jean-Claude Juncker had mocked Theresa May s demeanor after a dinner "
             "last week.")
    assert [(c[0], c[1]) for c in contacts(x)] == [(("EU", "GBR"), "meeting")]


def test_adjectival_visiting_names_visitor_and_host():
    x = both("China wants closer military ties, a senior Chinese general told the visiting head of "
             "Myanmar s army.")
    assert [(c[0], c[1]) for c in contacts(x)] == [(("CHN", "MMR"), "visit")]


def test_comma_without_and_closes_the_subject_list():
    # a side of the subordinate clause is not listed with the main clause's subject
    x = both("Shortly before he met Angela Merkel, Emmanuel Macron sat down with British Prime "
             "Minister Theresa May on Friday.")
    assert sorted(c[0] for c in contacts(x)) == [("DEU", "FRA"), ("FRA", "GBR")]
    x = both("Barack Obama, Japanese Prime Minister Shinzo Abe and other leaders are meeting in Lima.")
    assert [c[0] for c in contacts(x)] == [("JPN", "USA")]


def test_a_ban_on_travel_is_no_visit():
    x = both("The decision puts two Iranian officials on a list banning them from travel to the EU. "
             "The decree barred Syrian officials from traveling to France last year.")
    assert contacts(x) == []


def test_place_then_with_side_after_a_contact_noun():
    x = both("Rex Tillerson held a meeting in Germany on Friday with his Chinese and Indian "
             "counterparts.")
    assert [c[0] for c in contacts(x)] == [("CHN", "IND", "USA")]
    x = both("Defence ministers of the EU held a meeting in Riga, referring to Turkey s plans.")
    assert contacts(x) == []


def test_relative_clause_contact_keeps_its_own_status_and_day():
    x = both("Guterres, who met with Japanese Prime Minister Shinzo Abe on Tuesday, has delayed his "
             "departure.")
    assert contacts(x) == [(("JPN", "UN"), "meeting", "occurred", date(2017, 12, 26))]


def test_message_recipients_alone_or_a_reported_message_are_no_letter():
    x = both("He said he would convey that message to the European Union and NATO. "
             "Mattis said the Philippines had sent a very necessary message to the militants.")
    assert contacts(x) == []


def test_side_followed_by_a_verb_or_pronoun_is_still_a_side():
    x = both("Lebanese Prime Minister Saad al-Hariri s visit to France was aimed at his return. "
             "After Japanese Prime Minister Shinzo Abe s visit to Russia he will travel home.")
    assert sorted(c[0] for c in contacts(x)) == [("FRA", "LBN"), ("JPN", "RUS")]


def test_visit_by_names_the_visitor():
    x = both("Macron spoke after a visit by Finnish Prime Minister Juha Sipila to Paris. "
             "Officials briefed reporters ahead of a visit to Beijing by Japanese Prime Minister "
             "Shinzo Abe.")
    assert sorted((c[0], c[1]) for c in contacts(x)) == [(("CHN", "JPN"), "visit"),
                                                         (("FIN", "FRA"), "visit")]


def test_praise_after_a_meeting_is_between_the_people_named():
    x = both("U.S. President Donald Trump praised Egyptian President Abdel Fattah al-Sisi after a "
             "meeting in Saudi Arabia last week. Police arrested a German man after a meeting in "
             "Paris.")
    assert [(c[0], c[1]) for c in contacts(x)] == [(("EGY", "USA"), "meeting")]


def test_pronoun_subject_beats_an_earlier_object():
    x = both("Do not try us, President Donald Trump told North Korea as he wrapped up a visit to "
             "South Korea.")
    assert [(c[0], c[1]) for c in contacts(x)] == [(("KOR", "USA"), "visit")]


def test_calls_for_others_to_negotiate_and_openness_to_talks_are_no_contacts():
    x = both("The Kremlin, which has long called for the United States and North Korea to "
             "negotiate, said it was ready to help. Juppe said he would be available for dialogue "
             "with President Trump.")
    assert contacts(x) == []


def test_a_planned_contact_is_not_dated_by_the_day_it_was_reported():
    x = both("Lithuanian Foreign Minister Jonas Petraitis and Chilean Foreign Minister Ana Soto will "
             "meet at the summit, the ministry quoted an aide as saying on Tuesday.",
             date(2017, 9, 12))
    assert [(c.status, c.event_date) for c in x.contacts] == [("planned", None)]


def test_a_past_trip_to_meet_is_a_contact_that_happened():
    x = both("Chilean Foreign Minister Ana Soto was in Vilnius on Monday to meet Lithuanian "
             "President Jonas Petraitis.", date(2017, 12, 19))
    assert [(c.status, c.event_date) for c in x.contacts] == [("occurred", date(2017, 12, 18))]
    x = both("Chilean Foreign Minister Ana Soto will travel to Vilnius to meet Lithuanian "
             "President Jonas Petraitis.", date(2017, 12, 19))
    assert [c.status for c in x.contacts] == ["planned"]


def test_an_envoys_posting_is_no_side_and_adjectives_open_a_side():
    x = both("Chilean Ambassador to the United Nations Ana Soto met Lithuanian President Jonas "
             "Petraitis on Friday. Estonia's ambassador to Peru discussed the row with senior "
             "Kenyan officials.")
    assert sorted(sorted(p.actor_code for p in c.participants) for c in x.contacts) == \
        [["CHL", "LTU"], ["EST", "KEN"]]


def test_a_pronoun_is_not_the_one_met_in_an_earlier_sentence():
    x = both("Chilean envoy Ana Soto arrived in Kenya on Thursday. Her tour has also taken her to "
             "Peru and Lithuania, where she met with Lithuanian President Jonas Petraitis. On Friday "
             "she is due to meet with Kenyan President Paul Otieno.")
    sides = [sorted(p.actor_code for p in c.participants) for c in x.contacts]
    assert ["CHL", "LTU"] in sides and ["KEN", "LTU"] not in sides


def test_the_two_men_generals_and_a_speaker_at_the_start_of_talks_are_sides():
    def sides(x):
        return sorted(sorted(p.actor_code for p in c.participants) for c in x.contacts)
    x = both("Lithuanian Foreign Minister Jonas Petraitis said he had raised the issue with Ana Soto, "
             "Chile's foreign minister, when the two men met in Lima on Thursday.")
    assert sides(x) == [["CHL", "LTU"]]
    x = both("Lithuanian Foreign Minister Jonas Petraitis and Chilean Foreign Minister Ana Soto spoke "
             "by telephone on Tuesday. The two discussed concerns related to the Peruvian border, "
             "the ministry said.", date(2017, 12, 27))
    assert [(sorted(p.actor_code for p in c.participants), c.mode) for c in x.contacts] == \
        [(["CHL", "LTU"], "phone")]
    x = both("Kenyan and Peruvian generals held a face-to-face meeting this week.")
    assert sides(x) == [["KEN", "PER"]]
    x = both("Chile's President Ana Soto said at the start of talks in Lima with Peruvian President "
             "Jonas Petraitis that trade must grow.")
    assert sides(x) == [["CHL", "PER"]]


def test_a_participle_contact_takes_the_clause_subject_and_a_lacking_meeting_is_none():
    def sides(x):
        return sorted(sorted(p.actor_code for p in c.participants) for c in x.contacts)
    x = both("Chilean President Ana Soto did not mention North Korea in her opening remarks while "
             "meeting Kenyan President Paul Otieno on Saturday.")
    assert sides(x) == [["CHL", "KEN"]]
    x = both("Lima blamed Chile for the lack of a bilateral meeting between Kenya and Peru.")
    assert x.contacts == []


def test_a_group_of_seven_people_and_two_armed_groups_make_no_contact():
    x = both("A group of seven lawmakers will visit Kenya on Thursday. Hamas plans to hold talks "
             "with Hezbollah in Beirut.")
    assert x.contacts == []


def test_the_pope_speaks_for_the_holy_see_and_private_people_met_are_no_side():
    x = both("Pope Paul met Austria's army chief on Monday. He is due to meet Syrian refugees who "
             "fled to Turkey later this week.")
    assert [(c[0], c[1]) for c in contacts(x)] == [(("AUT", "VAT"), "meeting")]


def test_talking_by_phone_is_a_call_but_a_briefing_by_phone_from_a_city_is_none():
    x = both("Merkel and Macron discussed the crisis by phone on Tuesday. A U.N. official told "
             "a Geneva briefing by phone from Sanaa that the port was shut.")
    assert [(c[0], c[1]) for c in contacts(x)] == [(("DEU", "FRA"), "phone")]


def test_a_contact_dated_after_the_article_or_prepared_for_is_planned():
    x = both("Ministers want progress after they meet Italian Prime Minister Ivo Rossi at a summit "
             "with EU leaders next Thursday.")
    assert [(c[1], c[2], c[3]) for c in contacts(x)] == [("summit", "planned", date(2017, 12, 28))]
    x = both("As Trump and Netanyahu prepare for their meeting on Tuesday, focus has shifted.")
    assert [(c[0], c[2], c[3]) for c in contacts(x)] == [(("ISR", "USA"), "planned", date(2018, 1, 2))]


def test_talks_a_meeting_will_discuss_reviving_are_no_contact_of_their_own():
    x = both("Envoys of Chile and Peru will meet in Lima next week to discuss reviving peace talks "
             "with the Taliban.")
    assert [(c[0], c[1], c[2]) for c in contacts(x)] == [(("CHL", "PER"), "meeting", "planned")]


def test_a_hyphenated_modifier_opens_a_side_and_arranging_a_meeting_plans_it():
    x = both("An aide helped set up a meeting between then-senator Barack Obama and Egyptian "
             "President Abdel Fattah al-Sisi.")
    assert [(c[0], c[2]) for c in contacts(x)] == [(("EGY", "USA"), "occurred")]
    x = both("Officials said the envoy worked to arrange a meeting between Putin and Trump.")
    assert [(c[0], c[2]) for c in contacts(x)] == [(("RUS", "USA"), "planned")]


def test_a_perfect_tense_contact_in_the_lead_takes_no_lead_day():
    x = both("U.S. National Security Adviser Ivo Rossi resigned on Monday after reports he had "
             "discussed sanctions with the Russian ambassador.")
    assert [(c[0], c[2], c[3]) for c in contacts(x)] == [(("RUS", "USA"), "occurred", None)]


def test_by_taking_a_call_the_subject_is_a_side_and_urging_others_to_negotiate_is_none():
    x = both("Trump upset China in December by taking a phone call from Taiwan President Tsai "
             "Ing-wen. The laureate urged India and Pakistan to tone down their rhetoric and "
             "negotiate together.")
    assert [(c[0], c[1]) for c in contacts(x)] == [(("TWN", "USA"), "phone")]


def test_trip_to_several_places_without_a_visitor_is_no_contact():
    x = both("The businessman traveled to Mexico, China and Ecuador in 2017, prosecutors said.")
    assert contacts(x) == []


def test_a_pronoun_after_a_quote_of_several_sentences_is_the_one_quoted():
    text = ("Asked about the budget, Finance Minister Maria Lund said: “We will not cut pensions. "
            "The deficit is falling. Growth is back. Nobody has asked us to change course,” she "
            "told reporters. Its critics were not convinced.")
    x = both(text)
    assert [s.speaker_name for s in x.statements] == ["maria lund", "maria lund"]
    # a person named in between is the nearer candidate: the pronoun stays unresolved
    x = both(text.replace("The deficit is falling.", "Peter Holm lost his seat."))
    assert [s.speaker_name for s in x.statements] == ["maria lund"]


def test_an_unknown_name_set_off_after_a_role_speaks_and_its_words_follow_the_verb():
    x = both("Reached by phone, the mayor's wife, Odile Brachet, told Reuters the family was safe. "
             "The firm's spokeswoman, Ines Waldvogel, said the report was false.")
    assert [(s.speaker_name, s.content.rstrip(" .")) for s in x.statements][1:] == [
        ("ines waldvogel", "the report was false")]
    assert [s.speaker_name for s in x.statements][0] == "odile brachet"
    # after a quote the words came first: ", its chairwoman , x , said in a statement"
    x = both("“We look forward to the vote,” its chairwoman, Odile Brachet, said in a statement.")
    assert [s.content for s in x.statements] == ["We look forward to the vote"] or \
        [s.content.lower() for s in x.statements] == ["we look forward to the vote"]


def test_verbs_that_name_an_act_report_nothing():
    x = both("Ivo Rossi, 59, was arrested and charged with assault. The judge, Ana Lind, denied "
             "their request for bail. President Juan Perez dismissed the parliament on Friday. "
             "Trump welcomed Chilean President Juan Perez to the White House. Chile denies them "
             "citizenship.")
    assert speakers(x) == set()
    x = both("Juan Perez dismissed the report as fake. Ana Lind questioned Rossi's motives.")
    assert speakers(x) == {"juan perez", "ana lind"}


def test_agencies_speak_but_hold_no_talks_and_an_object_before_saying_does_not_speak():
    x = both("The FDA said the drug was safe. Both the Bundesbank and the European Central Bank "
             "are watching the wage negotiations. The mayor attacked Chile, saying it lied.")
    assert speakers(x) == {"food and drug administration"}
    assert contacts(x) == []
    x = both("President Juan Perez attacked Chile, saying it lied.")
    assert speakers(x) == {"juan perez"}


def test_a_clause_opening_the_sentence_holds_the_contact_sides():
    x = both("As Chile and Peru prepare for their talks, attention has turned to Bolivia's new "
             "border law.")
    assert [(c[0], c[2]) for c in contacts(x)] == [(("CHL", "PER"), "planned")]


def test_would_before_a_contact_verb_plans_it():
    x = both("Diplomats said Chilean Foreign Minister Ana Vidal and Peru's trade minister would "
             "also discuss fishing rights.")
    assert [(c[0], c[2]) for c in contacts(x)] == [(("CHL", "PER"), "planned")]


def test_a_business_meeting_and_hosting_refugees_are_no_contacts():
    x = both("The investor said he flew to Chile for a business meeting with Peruvian officials. "
             "Chile, Peru and other neighbours already host thousands of Venezuelan migrants. "
             "Last year Chile hosted large joint naval exercises with Peru.")
    assert contacts(x) == []
    x = both("The call came hours before Trump plays host to Peruvian President Ivo Rossi.")
    assert [(c[0], c[1]) for c in contacts(x)] == [(("PER", "USA"), "visit")]


def test_ways_to_hold_a_regime_accountable_plan_no_contact():
    x = both("Chile's president discussed in a telephone call with Peru's president ways to hold "
             "smugglers accountable.")
    assert [(c[0], c[1], c[2]) for c in contacts(x)] == [(("CHL", "PER"), "phone", "occurred")]


# --- dates --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,future,expected,precision", [
    ("on tuesday", False, date(2017, 12, 26), "day"),
    ("on wednesday", False, date(2017, 12, 27), "day"),
    ("on friday", True, date(2017, 12, 29), "day"),
    ("yesterday", False, date(2017, 12, 26), "day"),
    ("on nov. 29", False, date(2017, 11, 29), "day"),
    ("last month", False, None, "month"),
    ("in may", False, None, "unknown"),
])
def test_dates(text, future, expected, precision):
    toks = text.split()
    ex = find_dates(toks, 0, len(toks), D, future)
    if precision == "unknown":
        assert ex == [] or all(e.day is None for e in ex)
    else:
        assert ex and ex[-1].day == expected and ex[-1].precision == precision


# --- properties ---------------------------------------------------------------------------------

NAMES = ["Secretary of State Rex Tillerson", "Russian Foreign Minister Sergei Lavrov",
         "Chinese President Xi Jinping", "the Kremlin", "Moscow", "North Korea’s foreign ministry",
         "U.N. Secretary-General Antonio Guterres", "Washington", "the European Union",
         "German Chancellor Angela Merkel", "Iran", "“Turkey”"]
VERBS = ["said", "told reporters", "warned", "announced sanctions on", "met with",
         "spoke by telephone with", "will visit", "threatened new sanctions against", "lifted sanctions on"]
WHEN = ["on Tuesday", "on Friday", "yesterday", "on Nov. 29", "last month", "", "in May"]


@st.composite
def articles(draw):
    n = draw(st.integers(1, 4))
    parts = []
    for _ in range(n):
        a, b = draw(st.sampled_from(NAMES)), draw(st.sampled_from(NAMES))
        v, w = draw(st.sampled_from(VERBS)), draw(st.sampled_from(WHEN))
        s = f"{a} {v} {b} {w}".replace("  ", " ").strip()
        parts.append(s[0].upper() + s[1:] + ".")
    dl = draw(st.sampled_from(["", "WASHINGTON (Reuters) - ", "BEIJING/SEOUL (Reuters) - "]))
    return dl + " ".join(parts)


@settings(max_examples=60, deadline=None)
@given(articles())
def test_cased_and_lowertok_give_same_events(text):
    both(text)


@settings(max_examples=60, deadline=None)
@given(st.one_of(articles(), st.text(max_size=300)))
def test_offsets_index_the_original_body(text):
    for body in (text, to_lowertok(text)):
        x = extract_article(body, None, D)
        for s in x.sentences:
            assert body[s.char_start:s.char_end] == s.text
        for m in x.actors:
            assert body[m.char_start:m.char_end] == m.surface
            assert canonical(m.surface) == canonical(body[m.char_start:m.char_end])
        for ev in (*x.statements, *x.sanctions, *x.contacts):
            assert 0 <= ev.char_start <= ev.char_end <= len(body)
        for ev in (*x.sanctions, *x.contacts):
            assert body[ev.char_start:ev.char_end] == ev.evidence


def test_garbage_never_crashes():
    for body in ["", "   ", "(((", "Reuters", ". . .", "\x00\ufffd", "a" * 5000, "U.S. " * 200]:
        extract_article(body, "t", None)


# --- dev gold floor -----------------------------------------------------------------------------

# Floors a little below today's dev figures (statements 0.867, sanctions 0.909, contacts 0.879;
# date accuracy sanctions 0.933, contacts 0.900; mode 0.966): a rule change that loses more than
# that fails CI. Raise them when the rules improve.
FLOORS = {"statements": 0.83, "sanctions": 0.87, "contacts": 0.84}


@pytest.mark.skipif(not (SHARED / "gold" / "dev.jsonl").exists(), reason="../shared gold absent")
def test_dev_gold_floor():
    spec = importlib.util.spec_from_file_location(
        "quick_score", Path(__file__).resolve().parents[1] / "tools" / "quick_score.py")
    qs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(qs)
    sc = qs.load_scorer(SHARED)
    gold = [json.loads(line) for line in open(SHARED / "gold" / "dev.jsonl") if line.strip()]
    dates = {g["id"]: date.fromisoformat(g["article_date"]) for g in gold}
    res = {}
    for fname in ("dev_articles.jsonl", "dev_articles_lowertok.jsonl"):
        arts = [json.loads(line) for line in open(SHARED / "gold" / fname) if line.strip()]
        res[fname] = sc.score(gold, qs.system_rows(sc, arts, dates))
    for kind, floor in FLOORS.items():
        cased = res["dev_articles.jsonl"][kind]["f1"]
        lower = res["dev_articles_lowertok.jsonl"][kind]["f1"]
        assert cased >= floor, (kind, cased)
        assert abs(cased - lower) <= 0.02, (kind, cased, lower)
    cased = res["dev_articles.jsonl"]
    assert cased["contacts"]["mode_accuracy"] >= 0.90
    assert cased["contacts"]["date_accuracy"] >= 0.86
    assert cased["sanctions"]["date_accuracy"] >= 0.88
