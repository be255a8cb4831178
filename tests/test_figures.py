"""Key figures: values, qualifiers, units, what they count, ranking, and the non-figures."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import re
import sys
import time
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import summarizer.figures as figures_module
from summarizer.article import parse_article
from summarizer.figures import _tokens, extract_figures
from summarizer.model import Article, Figure, Sentence
from summarizer.numbers import find_quantities, quantities_of

ROOT = Path(__file__).resolve().parent.parent


def article(text: str, published: date | None = date(2024, 9, 20)) -> Article:
    parsed = parse_article(text, fmt="text")
    return dataclasses.replace(parsed, published=published)


def figures(text: str, published: date | None = date(2024, 9, 20)) -> list[Figure]:
    return [f for f in extract_figures(article(text, published)) if f.sentence >= 0]


def key(text: str) -> list[Figure]:
    return [f for f in figures(text) if f.is_key]


def one(text: str) -> Figure:
    (found,) = key(text)
    return found


def values(text: str) -> list[float]:
    return [f.value for f in figures(text)]


# --------------------------------------------------------------------------- the seed


def test_seed_key_figures_come_first_by_the_ranking_rule(seed_text: str) -> None:
    found = extract_figures(parse_article(seed_text))
    first = [(f.value, f.qualifier, f.what, f.kind) for f in found[:3]]
    assert first == [
        (2, None, "servicemen killed", "count"),  # casualties first
        (2000, "more than", "people detained", "count"),  # then arrests
        (250, "more than", "police strongholds destroyed", "count"),  # then damage
    ]
    assert [f.score for f in found[:3]] == sorted((f.score for f in found[:3]), reverse=True)
    assert [f.describe() for f in found[:3]] == [
        "2 servicemen killed",
        "more than 2,000 people detained",
        "more than 250 police strongholds destroyed",
    ]
    assert all(f.is_key for f in found[:3])
    assert not any(f.is_key for f in found[3:])


def test_seed_dates_are_kept_apart_in_article_order(seed_text: str) -> None:
    parsed = parse_article(seed_text)
    assert parsed.published == date(2024, 9, 20)
    dates = [f for f in extract_figures(parsed) if f.kind == "date"]
    assert [(f.value, f.evidence) for f in dates] == [
        (20240920, "2024-09-20"),
        (20240806, "August 6"),
        (20240728, "July 28"),
    ]
    assert dates[0].what == "publication" and dates[0].sentence == -1
    assert "said" in dates[1].what and "elections" in dates[2].what


def test_seed_evidence_is_verbatim(seed_text: str) -> None:
    parsed = parse_article(seed_text)
    for figure in extract_figures(parsed):
        if figure.sentence >= 0:
            assert figure.evidence in parsed.sentences[figure.sentence].text
    evidence = [f.evidence for f in extract_figures(parsed)[:3]]
    assert evidence == [
        "two servicemen",
        "more than 2 thousand people",
        "More than 250 police strongholds",
    ]


def test_publication_date_can_be_left_out(seed_text: str) -> None:
    found = extract_figures(parse_article(seed_text), include_published=False)
    assert all(f.sentence >= 0 for f in found)
    assert extract_figures(article("Nothing happened.", None)) == ()


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "what"),
    [
        ("Two servicemen were killed.", 2, None, "servicemen killed"),
        ("A dozen people are still missing.", 12, None, "people missing"),
        ("Eleven people were injured.", 11, None, "people injured"),
        ("Police arrested two hundred and forty protesters.", 240, None, "protesters arrested"),
        ("Police detained more than 2 thousand people.", 2000, "more than", "people detained"),
        ("The storm left half a million homes without power.", 500_000, None, "homes"),
        ("About 1.5 million people were displaced.", 1_500_000, "about", "people displaced"),
        ("Nearly 180 barns were destroyed.", 180, "nearly", "barns destroyed"),
        ("At least 47 people died.", 47, "at least", "people died"),
        ("Up to 9,000 officers will be deployed.", 9000, "up to", "officers"),
        ("Some 15,000 villagers were evacuated.", 15000, "some", "villagers evacuated"),
    ],
)
def test_counts_numbers_words_and_qualifiers(
    text: str, value: float, qualifier: str | None, what: str
) -> None:
    found = one(text)
    assert (found.kind, found.value, found.qualifier) == ("count", value, qualifier)
    assert found.what.startswith(what)


@pytest.mark.parametrize(
    ("text", "value", "upper", "unit"),
    [
        ("Between 10 and 20 people were injured.", 10, 20, "people"),
        ("The repairs will cost between €150m and €200m.", 150e6, 200e6, "EUR"),
        ("Insurers expect claims of between 300 and 400 million euros.", 300e6, 400e6, "EUR"),
        ("Forecasters expect 20 to 30 mm of snow.", 20, 30, "mm"),
        ("Tickets will cost between £30 and £950.", 30, 950, "GBP"),
        # the scale written at both ends, joined by a hyphen (not a code like "MiG-29")
        ("It expects revenue of 15.5 billion-16.5 billion euros.", 15.5e9, 16.5e9, "EUR"),
    ],
)
def test_ranges(text: str, value: float, upper: float, unit: str) -> None:
    found = one(text)
    assert (found.value, found.upper, found.qualifier, found.unit) == (
        value,
        upper,
        "between",
        unit,
    )


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The government pledged $1.5 billion in aid.", 1.5e9, "USD"),
        ("The firm will invest €300m in its online business.", 300e6, "EUR"),
        ("The retailer was sold in a deal worth £2bn.", 2e9, "GBP"),
        ("The buyer will pay 245p a share.", 2.45, "GBP"),
        ("Diesel now sells for 1.35 dollars a gallon.", 1.35, "USD"),
        ("The appeal raised 12 million Swiss francs.", 12e6, "CHF"),
        ("The project cost US$40m.", 40e6, "USD"),
        ("The government released 150 billion rupiah.", 150e9, "IDR"),
        ("The court fined him 3.6 billion won.", 3.6e9, "KRW"),
        ("Each family will receive 4 lakh rupees.", 4e5, "INR"),
        ("The state set aside Rs 250 crore.", 2.5e9, "INR"),
        ("A ticket costs 50,000 won.", 50_000, "KRW"),
    ],
)
def test_money(text: str, value: float, unit: str) -> None:
    found = one(text)
    assert (found.kind, found.value, found.unit) == ("money", pytest.approx(value), unit)


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose 38 percent.",
        "Prices rose 38%.",
        "Prices rose 38 per cent.",
        "Prices rose 38pc.",
    ],
)
def test_percent_spellings(text: str) -> None:
    found = one(text)
    assert (found.kind, found.value, found.unit, found.what) == (
        "percent",
        38,
        "percent",
        "Prices rose",
    )


def test_measures_and_durations() -> None:
    found = figures("Winds of 130 km/h hit the coast for three days, and 240 mm of rain fell.")
    assert [(f.kind, f.value, f.unit) for f in found] == [
        ("measure", 130, "km/h"),
        ("measure", 240, "mm"),
        ("duration", 3, "day"),
    ]


def test_what_names_the_counted_thing_and_its_action() -> None:
    text = (
        "The landslide killed at least 47 people and injured more than 300. "
        "Turnover slipped 4.5 percent to £11.2bn. "
        "Net income fell to £412m from £890m a year earlier."
    )
    whats = {f.value: f.what for f in key(text)}
    assert whats[47] == "people killed"
    assert whats[300] == "people injured"
    assert whats[4.5] == "Turnover slipped"
    assert "Turnover" in whats[11.2e9]
    assert whats[412e6] == whats[890e6] == "Net income fell"


def test_an_amount_converted_after_a_comma_counts_the_same_thing() -> None:
    found = key(
        "The government released an emergency fund of 150 billion rupiah, about $9.5 million."
    )
    assert [(f.value, f.unit, f.qualifier) for f in found] == [
        (150e9, "IDR", None),
        (9.5e6, "USD", "about"),
    ]
    assert all("fund" in f.what for f in found)


@pytest.mark.parametrize(
    ("text", "value", "what"),
    [
        ("A fire killed 21 pupils and injured 14 others.", 14, "others injured"),
        ('The city will open 1,000 public "cool rooms" this summer.', 1000, "public cool rooms"),
        ("The dormitory had only one exit.", 1, "exit"),
        ("Scientists raised the alert to its highest level, four, on Monday.", 4, "highest level"),
        ("The party won 148 seats, down from 191 in 2020.", 191, "seats won"),
        ("SkyAtlantic grounded all 24 of its Boeing 737 MAX 9 jets.", 24, "jets"),
    ],
)
def test_what_of_bare_and_named_counts(text: str, value: float, what: str) -> None:
    found = {f.value: f for f in key(text)}
    assert found[value].kind == "count"
    assert found[value].what == what


@pytest.mark.parametrize(
    ("text", "value", "what"),
    [
        ("Heatwaves have become about five times more likely.", 5, "times more likely"),
        ("The bank raised its main rate 11 times last year.", 11, "raised main rate times"),
    ],
)
def test_multipliers_and_occasions_say_times(text: str, value: float, what: str) -> None:
    found = one(text)
    assert (found.kind, found.value, found.what) == ("count", value, what)


@pytest.mark.parametrize(
    ("text", "value", "what"),
    [
        (
            "Core inflation, which strips out volatile items, eased to 4.1 percent.",
            4.1,
            "Core inflation eased",
        ),
        ("Average rents, however, climbed 7.5 percent.", 7.5, "Average rents climbed"),
        (
            "Operating profit for the three months to June dropped to £412m.",
            412e6,
            "Operating profit dropped",
        ),
        ("The subsidies cost the state 1.8 billion euros.", 1.8e9, "subsidies cost state"),
        (
            "Bilateral trade between the two countries was worth $690 billion.",
            690e9,
            "Bilateral trade worth",
        ),
        ("A small flat now costs 1,450 euros a month.", 1450, "small flat costs a month"),
        ("He moved 14.7 million pounds from the fund.", 14.7e6, "moved fund"),
        (
            "The party spent 9.5 million lev, including 1.2 million on billboards.",
            1.2e6,
            "party spent billboards",
        ),
    ],
)
def test_what_of_money_and_percentages(text: str, value: float, what: str) -> None:
    (found,) = [f for f in key(text) if f.value == pytest.approx(value)]
    assert found.what == what


@pytest.mark.parametrize(
    ("text", "value", "head"),
    [
        # the subject stands before the number, across a relative clause or a preposition
        (
            "The death toll from an earthquake that struck the Andes on Wednesday rose to 86.",
            86,
            "death toll rose",
        ),
        ("Layoffs across the technology industry reached more than 136,000.", 136000, "Layoffs"),
        ("Prices outside the capital rose 9.1%.", 9.1, "Prices rose"),
        ("Figures published on Tuesday showed unemployment rising to 4.9%.", 4.9, "unemployment"),
        ("The bank kept interest rates on hold at 4% on Thursday.", 4, "interest rates"),
        # an aside between commas is about the noun before it
        ("He said inflation, at 3.8%, was too high.", 3.8, "inflation"),
        ("Online sales, up 11%, now make up 36% of the total.", 11, "Online sales"),
        ("Online sales, up 11%, now make up 36% of the total.", 36, "Online sales"),
        # a part of a whole: the noun after "of the country's 81,000"
        ("About 70% of the country's 81,000 prisoners await trial.", 70, "prisoners"),
        ("In Hamburg, 340 of the city's 1,150 buses were running.", 340, "buses"),
        ("UNHCR said 62% of the new arrivals were children.", 62, "were children"),
        # a change takes what changed
        ("The retailer reported a 14% rise in annual pre-tax profit.", 14, "rise in annual"),
        # a relative clause after the number gives the event
        ("At least 1,150 people were injured, including 214 who were badly hurt.", 214, "hurt"),
        ("Farmers gave up 1.4 million of the 6.1 million hectares they planted.", 6.1e6, "planted"),
        ("Police named the 12 most dangerous escapees.", 12, "dangerous escapees"),
        # where the money goes, past the same amount in another currency
        (
            "The president released 350 million soles, about $93 million, for relief.",
            93e6,
            "released relief",
        ),
        ("The firm will pay 50 million pesos to the family of each miner.", 50e6, "family"),
        ("The quake, measured at magnitude 7.1 by the survey, hit at dawn.", 7.1, "magnitude"),
        # an appositive between commas names the subject again
        ("Net profit at Nordbank, Germany's fourth-largest lender, rose 27%.", 27, "Net profit"),
        # the level a change led to, the worth of a quantity, a share of those counted
        (
            "Net profit rose 27% in the second quarter to €1.18 billion.",
            1.18e9,
            "Net profit rose",
        ),
        ("Fleets landed 4.1 million tonnes of fish in 2024, worth €6.9 billion.", 6.9e9, "fish"),
        (
            "Organisers said 1.2 million tickets had been sold, 88% of those available.",
            88,
            "tickets",
        ),
        ("Its jails are running at 118 per cent of capacity.", 118, "jails running"),
        ("Unemployment held at a record low of 6.2% in January.", 6.2, "Unemployment held"),
        ("Volunteers handed out 310,000 cups of water.", 310000, "cups of water"),
        ("The army sent four Black Hawk helicopters.", 4, "Black Hawk helicopters"),
        ("The price of the top Nova 12 Ultra rises to $1,299.", 1299, "price of top Nova"),
        # market reports: the change, the same change in percent, the level
        ("Brent crude futures were down $2.61, or 3.2 percent, at $78.50.", 3.2, "Brent crude"),
        ("Brent crude futures were down $2.61, or 3.2 percent, at $78.50.", 78.5, "Brent crude"),
        ("The index slumped, closing down 187.4 points at 7,961.2.", 187.4, "index"),
        # a name in apposition, a place with two names, a container noun, an elided noun
        ("Its own token, VALE, has since fallen 87% to 11 cents.", 87, "token"),
        ("Knife crime in England and Wales rose by 7% in the year.", 7, "Knife crime"),
        ("A crowd of 38,400 watched at the stadium.", 38400, "crowd watched"),
        ("Peru had 11 shots but only two on target.", 2, "shots"),
        ("The storm killed two people, injured 23 and destroyed 300 homes.", 23, "people injured"),
        ("Spain awarded 3,300 megawatts of solar and wind capacity.", 3300, "wind capacity"),
        # a modal, a short complement, an ordinal, a gerund, a date inside the subject
        ("Maintenance loans will go up by 3.1 per cent.", 3.1, "Maintenance loans"),
        ("The pound was little changed at $1.2225.", 1.2225, "pound"),
        ("Coverage of the second dose stood at 68 percent.", 68, "Coverage"),
        ("Spending on agency supply staff reached £38.6m last year.", 38.6e6, "Spending"),
        ("Admissions since January 1 have reached 203,450.", 203450, "Admissions reached"),
        ("Police arrested 300 people, of whom 45 were charged.", 45, "people charged"),
        ("There are 147,746 police officers, up by 3,500 since March.", 3500, "police officers"),
        ("The previous record fine for the same kind of breach was €124.5m.", 124.5e6, "fine"),
        ("Pension spending currently amounts to 12.4% of GDP.", 12.4, "Pension spending"),
        ("The authority announced $340 million in new funding.", 340e6, "new funding"),
        ("Officers seized property valued at S$22m.", 22e6, "property"),
        ("Of the injured, 27 are said to be in a serious condition.", 27, "injured"),
        ("Around 1,800 hectares of rice and onion fields were covered in ash.", 1800, "fields"),
        # an amount before its noun, past the same amount in another currency
        ("Regulators examined the €9.5 billion ($10.6 billion) deal.", 10.6e9, "deal"),
        ("Kenya has to repay a $2 billion Eurobond that matures in June.", 2e9, "Eurobond"),
        # the level a change led to, when the change is not a figure
        ("Rates rose by a quarter point to 5.25 percent.", 5.25, "Rates rose"),
        ("Authorities widened the exclusion zone to 7 kilometres.", 7, "exclusion zone"),
        # a name with a number in it, a time or a participle clause after the subject
        ("Across Europe, the Stoxx 600 fell 2.8%.", 2.8, "Stoxx 600 fell"),
        ("Average concentrations of PM2.5 particles fell by 31 percent.", 31, "concentrations"),
        ("Ottawa's snow-clearing bill this winter has reached C$21 million.", 21e6, "bill"),
        ("The council's housing budget for this winter is £6.2m.", 6.2e6, "housing budget"),
        ("The appeal, launched three weeks ago, has raised £27.5 million.", 27.5e6, "appeal"),
        ("Tickets, priced from £35 to £150, sold out within hours.", 35, "Tickets priced"),
        (
            "Planting, which begins in October, is expected to cover 16.8 million hectares.",
            16.8e6,
            "Planting",
        ),
        ("The economy is estimated to have expanded just 0.2% last year.", 0.2, "economy expanded"),
        ("Spending on benefits climbed 11 per cent.", 11, "Spending climbed"),
        ("and spending on benefits climbed 11 per cent.", 11, "spending climbed"),
        ("A 2-litre bottle of semi-skimmed milk will fall to £1.45.", 1.45, "bottle"),
        # a part of those just counted, a container with an adjective, an ordinal before a count
        (
            "About 1,400 crew members, including 300 sent from Manitoba, were working.",
            300,
            "crew members",
        ),
        ("A record crowd of 269,000 attended over three days.", 269000, "crowd attended"),
        ("Berg, who won nine of the first 14 races, has not won since.", 9, "races won"),
        # "said" opens a clause: what the number measures starts after it
        ("The network said ice had thinned by an average of 2.8 metres.", 2.8, "ice thinned"),
        ("Applications from 18-year-olds fell by 1,240 to 271,450.", 1240, "Applications fell"),
        ("Spending amounts to 12.4% and is forecast to reach 14.9% in 2050.", 14.9, "Spending"),
        # asides: a worth, a participle clause before a verb we do not know, a time or place
        (
            "A joint venture won the main contract, worth 12.4 billion kroner, in March.",
            12.4e9,
            "contract",
        ),
        (
            "The largest swarm, spotted near Wajir, covers roughly 240,000 hectares.",
            240000,
            "swarm covers",
        ),
        (
            "Bids at the previous auction, in June 2024, totalled Rs 11,340 crore.",
            113.4e9,
            "Bids totalled",
        ),
        (
            "A winter appeal for homeless people has raised a record £38.6 million.",
            38.6e6,
            "appeal raised",
        ),
        ("Only 312 mm of rain fell last year, 47% below the long-term average.", 47, "rain fell"),
        # "forecast" and "estimated" are verbs only before "to" or after "is"
        ("The forecast, up 9% on last year's harvest, was raised.", 9, "forecast"),
        ("Subsidies alone are estimated to exceed 16.5bn euros.", 16.5e9, "Subsidies exceed"),
        ("The index rose 9% in the week to Thursday, to $5,240 per container.", 5240, "index rose"),
        # words written without spaces: model names, compounds, abbreviations
        ("Police recovered 11 AK-47 rifles.", 11, "AK-47 rifles recovered"),
        ("The city handed out 1 million N95 masks.", 1e6, "N95 masks"),
        ("Since 2022, three U.S. airlines have filed for bankruptcy.", 3, "U.S. airlines"),
        ("The carrier will retire 20 older Airbus A320 jets.", 20, "older Airbus A320 jets"),
        ("Thieves escaped with nine 18th-century royal jewels.", 9, "18th-century royal jewels"),
        # "such", nationalities, a part of the first or top few
        ("Insurers counted 11 such fires in 2024.", 11, "fires counted"),
        ("Kiprop won, ahead of two Ethiopians.", 2, "Ethiopians"),
        ("Kenyans took four of the top six places.", 4, "places"),
        ("He won two of the last five games.", 2, "games won"),
        # a part of a whole, fronted or named before
        ("Of the 1,080 reefs surveyed, 73% showed bleaching and 39% were bleached.", 39, "reefs"),
        (
            "Some 41% of primary schools cut portions and 17 percent had dropped puddings.",
            17,
            "primary schools dropped",
        ),
        # an amount in an aside prices the whole noun phrase before it
        (
            "The agency's appeal for Sudan, $310m for six months, is only 22% funded.",
            22,
            "appeal funded",
        ),
        (
            "The agency's appeal for Sudan, $310m for six months, is only 22% funded.",
            310e6,
            "appeal",
        ),
        ("The town of Keshan, about 40 km from the epicentre, was hit.", 40, "epicentre"),
        (
            "The plan for the camps has a budget of $934 million but is only 41% funded.",
            41,
            "plan funded",
        ),
        (
            "The threshold for paying income tax will rise to 660,400 crowns.",
            660400,
            "threshold rise",
        ),
        (
            "The outbreak damaged about 175,000 hectares of crops and pasture.",
            175000,
            "crops and pasture",
        ),
    ],
)
def test_what_names_the_counted_thing_in_news_sentences(text: str, value: float, head: str) -> None:
    (found,) = [f for f in key(text) if f.value == pytest.approx(value)]
    assert head in found.what


def test_a_list_of_results_writes_the_noun_once() -> None:
    text = "The Social Democrats won 11 seats, New Slovenia 10, Green Land eight and the Left six."
    assert [(f.value, f.what) for f in key(text)] == [
        (11, "seats won"),
        (10, "seats won"),
        (8, "seats won"),
        (6, "seats won"),
    ]
    other = (
        "Ryanair cancelled 320 flights, affecting 57,000 passengers, while easyJet cancelled 210."
    )
    assert {f.value: f.what for f in key(other)}[210] != "passengers affecting"


@pytest.mark.parametrize(
    ("text", "whats"),
    [
        # the second number shares the first one's subject and verb, and keeps its own place
        (
            "Across England, rents rose 8.1%, and by 8.5% in London.",
            ["rents rose", "rents rose in London"],
        ),
        (
            "About 70% of the bonds went to fund managers and 14% to pension funds.",
            ["bonds went to fund managers", "bonds went to pension funds"],
        ),
        ("Six people were killed and 19 injured.", ["people killed", "people injured"]),
        ("At least 40 homes were destroyed and 120 damaged.", ["homes destroyed", "homes damaged"]),
    ],
)
def test_a_number_after_and_shares_the_first_ones_subject(text: str, whats: list[str]) -> None:
    assert [f.what for f in key(text)] == whats


@pytest.mark.parametrize(
    ("text", "value", "what"),
    [
        # a verb of its own, or a place of its own in a parallel list: nothing is shared
        ("Some 16% said none had been replaced, while 30% said only some had.", 30, "said"),
        ("The plan cuts 9.6% at Agriculture and 5.6% at the Treasury.", 5.6, "Treasury"),
        ("Inflation rose to 3.1% in May and 7% of firms were hiring.", 7, "firms"),
    ],
)
def test_a_number_after_and_with_its_own_verb_or_place(
    text: str, value: float, what: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the rules alone: the head ranker on top may still prefer another word ("plan")
    monkeypatch.setattr(figures_module, "_LEARNED_HEADS", False)
    found = {f.value: f.what for f in figures(text)}
    assert what in found[value]
    assert found[value] != next(f.what for f in figures(text))


def test_a_bare_number_after_up_from_takes_its_partners_unit() -> None:
    (need, was) = figures("Workers will need 42 years of contributions, up from 40.")
    assert (need.kind, need.unit, was.kind, was.value, was.unit) == (
        "duration",
        "year",
        "duration",
        40,
        "year",
    )


def test_a_range_with_a_rate_and_a_change_by_an_amount() -> None:
    (logging,) = key("Illegal logging is worth $51bn to $152bn a year.")
    assert (logging.value, logging.upper, logging.unit) == (51e9, 152e9, "USD")
    cut = key("The company cut the price of the Nova 11 by $100 to $699.")
    assert [(f.value, f.upper) for f in cut] == [(100, None), (699, None)]


@pytest.mark.parametrize(
    "text",
    [
        "The winning numbers were 4, 17, 23, 38 and 45.",  # lottery balls
        "Brent traded at its lowest by 1430 GMT.",  # a time of day
        "The ticket was bought at a café at 112 Rua Augusta.",  # a street number
        "The snow had set, said rescue chief Martin Kogler, 49.",  # an age
        "The injured man, 41, spent a night in hospital.",
        "The retired teacher, 71, was unhurt.",
        "The chief executive will retire at 65.",
        "Patients are told to call 911 or drive to the nearest town.",  # a number to dial
        "He finished on 12 under par.",  # a golf score
        "She broke the women's 200 metres individual medley world record.",  # a race's name
    ],
)
def test_more_non_figures(text: str) -> None:
    assert key(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # ages: after "the age of", after "I was" / "who is", after a name with accents
        "Most of the victims were under the age of five.",
        "I have been coming here since I was nine, watching from the stand.",
        "She will take her grandmother, who is 91, to see the quarry.",
        "The fire killed Tomasz Zieliński, 34, a warehouse worker.",
        # labels: a category, a type, a section, a stage
        "The target for category 1 calls was missed again.",
        "The drug is listed only for people with type 2 diabetes.",
        "The council issued a section 114 notice on Tuesday.",
        "He took the yellow jersey on stage 17 in the Alps.",
        # an age group after a word for people
        "The seats are reserved for first-time visitors under 30.",
        "Women over 65 are the poorest group.",
    ],
)
def test_ages_and_labels_are_not_figures(text: str) -> None:
    assert key(text) == []


def test_a_count_after_a_label_word_is_still_a_count() -> None:
    # a label word counts only when the bare number follows it directly
    assert [f.value for f in key("The tier 1 ratio fell to 12.4% as 30 banks were tested.")] == [
        12.4,
        30,
    ]


def test_an_age_after_a_count_of_people_is_not_a_figure() -> None:
    assert [(f.value, f.what) for f in key("Of those arrested, 17 are under 18.")] == [
        (17, "arrested")
    ]


def test_dollars_of_other_countries() -> None:
    found = key("It paid S$22m (US$16.5m), R$40m and NT$300m.")
    assert [(f.value, f.unit) for f in found] == [
        (22e6, "SGD"),
        (16.5e6, "USD"),
        (40e6, "BRL"),
        (300e6, "TWD"),
    ]


def test_minus_in_words_and_more_currencies() -> None:
    assert [(f.value, f.unit) for f in key("Temperatures fell to minus 27°C overnight.")] == [
        (-27, "°C")
    ]
    found = key("The state pledged 1.5 billion lempiras ($60 million) and 500 million CFA francs.")
    assert [(f.value, f.unit) for f in found] == [(1.5e9, "HNL"), (60e6, "USD"), (500e6, "XOF")]


def test_a_fire_that_killed_is_not_what_one_cafe_did() -> None:
    assert [f.value for f in key("It followed a fire at one cafe that killed 25 people.")] == [25]


def test_lakh_crore_and_paren_conversions() -> None:
    found = key("The state presented a budget of Rs 6.1 lakh crore (about $73.5 billion).")
    assert [(f.value, f.unit, f.qualifier) for f in found] == [
        (6.1e12, "INR", None),
        (73.5e9, "USD", "about"),
    ]
    assert all("budget" in f.what for f in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a change, then the level it came to: two figures, not a range
        ("Overnight stays rose 4.1% to 76.3 million.", [(4.1, None), (76.3e6, None)]),
        ("WTI fell $2.47 to $74.52 a barrel.", [(2.47, None), (74.52, None)]),
        ("Road deaths rose in 2023 to 16,725.", [(16725, None), (2023, None)]),
        # ranges stay ranges
        ("Prices rose 5 to 10 percent.", [(5, 10)]),
        ("Prices are expected to rise 4% to 6%.", [(4, 6)]),
    ],
)
def test_a_change_then_a_level_is_not_a_range(
    text: str, expected: list[tuple[float, float | None]]
) -> None:
    assert [(f.value, f.upper) for f in figures(text)] == [
        (pytest.approx(v), u) for v, u in expected
    ]


def test_an_amount_in_brackets_after_another_is_a_conversion_not_a_loss() -> None:
    found = key("The government will give 50 million dong ($1,970) to the family of each victim.")
    assert [(f.value, f.unit, f.evidence) for f in found] == [
        (50e6, "VND", "50 million dong"),
        (1970, "USD", "$1,970"),
    ]
    assert all("family" in f.what for f in found)
    assert [f.value for f in key("The quarterly result was a loss of ($99.99).")] == [-99.99]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a currency the reader does not know still makes the bracket a conversion
        (
            "A bag of flour now costs 410,000 soums ($32).",
            [(410000, None, None), (32, None, "USD")],
        ),
        (
            "Compensation of 100,000 lari ($36,000) was promised.",
            [(1e5, None, None), (36000, None, "USD")],
        ),
        # pence in a rate are pounds, as "245p" is
        ("It cut its milk price to 38.6p per litre.", [(0.386, None, "GBP/L")]),
        ("The rate will rise to 27.69 pence per kilowatt hour.", [(0.2769, None, "GBP/kWh")]),
        # a dash after a percent sign joins a range; it is not a minus sign
        ("It expects growth of 4%-5% this year.", [(4, 5, "percent")]),
        # a year after "in", then a level in another unit: two figures, not a range
        (
            "Pay was raised in 2023 to €39,500 a year.",
            [(2023, None, None), (39500, None, "EUR/year")],
        ),
        ("Fees are between 2000 and 3000 euros.", [(2000, 3000, "EUR")]),
        # a currency code glued to its amount; digits grouped in lakhs and crores
        ("A haircut costs CHF86 and a bottle CHF27.50.", [(86, None, "CHF"), (27.5, None, "CHF")]),
        ("The survey covered 2,61,953 households.", [(261953, None, None)]),
        ("It reached 1,23,45,678 homes.", [(12345678, None, None)]),
        # a restated range in brackets is a conversion too
        (
            "Guidance is A$18.50 to A$20 a tonne ($11.70 to $12.70).",
            [(18.5, 20, "AUD"), (11.7, 12.7, "USD")],
        ),
        # the rand written with a glued R, once it is an amount; "R370" alone stays a name
        (
            "Bets reached R1.5 trillion ($82bn) in the year.",
            [(1.5e12, None, "ZAR"), (82e9, None, "USD")],
        ),
        ("Taxes raised R4.1bn and R500,000.", [(4.1e9, None, "ZAR"), (5e5, None, "ZAR")]),
        ("Take the R370 road for 12 km.", [(12, None, "km")]),
        # cents of a named dollar are a hundredth of it
        ("The loonie bought 72.12 U.S. cents.", [(0.7212, None, "USD")]),
        ("Shares fell to 42 Australian cents.", [(0.42, None, "AUD")]),
        # "plus or minus" is a margin, not a negative number
        (
            "The poll has a margin of plus or minus 2.8 percentage points.",
            [(2.8, None, "percentage point")],
        ),
        # a year after "in" does not take the unit of the next number
        (
            "It was 5.8% higher than in 2023 and 19% above 2019.",
            [(5.8, None, "percent"), (2023, None, None), (19, None, "percent"), (2019, None, None)],
        ),
    ],
)
def test_amounts_that_read_as_something_else(
    text: str, expected: list[tuple[float, float | None, str | None]]
) -> None:
    found = [(q.value, q.upper, q.unit) for q in find_quantities(text)]
    assert found == [(pytest.approx(v), u, unit) for v, u, unit in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seedlings planted between 2019 and 2022 survived.", ("date", 2019, 2022)),
        ('"By 2035 we want to carry more people."', ("date", 2035, None)),
        ("It will invest by 2030 in on-site generation.", ("date", 2030, None)),
        ("The listing is postponed until at least 2026.", ("date", 2026, None)),
        ("The budget for 2025 was set at a record.", ("date", 2025, None)),
        ("It raised its 2025 economic growth forecast.", ("date", 2025, None)),
        ("A 2019 report flagged the pipe.", ("date", 2019, None)),
        ("Footfall is still below 2019 levels.", ("date", 2019, None)),
        # a rate of time per time is a duration, kept apart from key figures
        ("Children spend nearly three hours a day online.", ("duration", 3, None)),
        ("Workers may stay up to nine months a year.", ("duration", 9, None)),
        # life expectancy is measured in years; it is not a span of time
        ("Life expectancy rose to 79 years.", ("measure", 79, None)),
        # still counts
        ("The plant employs 2000 people.", ("count", 2000, None)),
    ],
)
def test_years_and_times_that_read_as_counts(
    text: str, expected: tuple[str, float, float | None]
) -> None:
    assert [(f.kind, f.value, f.upper) for f in figures(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after a verb of change, "from A to B" is the old level and the new one
        (
            "The number has risen from 2,180 to 3,960.",
            [("count", 2180, None), ("count", 3960, None)],
        ),
        ("The menu will go from €185 to €220.", [("money", 185, None), ("money", 220, None)]),
        ("Prices range from 5 to 10 euros.", [("money", 5, 10)]),
        ("Classes have 29 pupils, up from 26 to 28.", [("count", 29, None), ("count", 26, 28)]),
        # a guess between two numbers is not a figure; a proportion is not either
        ("They worked in teams of three or four.", []),
        ("Now nine out of 10 tonnes go back underground.", []),
        # spans of time with a word before the unit, and nights
        ("Prices had fallen for three consecutive weeks.", [("duration", 3, None)]),
        ("Renewals take 10 working days.", [("duration", 10, None)]),
        ("The average trip lasted 3.8 nights.", [("duration", 3.8, None)]),
        # ages and times of day
        ("Three of the victims were over 80, and the youngest was 52.", [("count", 3, None)]),
        ("Most of the victims were between 18 and 30 and died of smoke.", []),
        ("Founders under 30 set up 41% of new businesses.", [("percent", 41, None)]),
        ('"I start work at 7 o\'clock."', []),
        # a bare number in a clause about age is an age; a count beside it stays
        (
            "The state pension age is due to rise from 66 to 67, affecting 1.2 million people.",
            [("count", 1.2e6, None)],
        ),
        ("The upper age limit for applicants was raised to 50 in 2022.", [("date", 2022, None)]),
        ("The age group accounted for 45 of the deaths.", [("count", 45, None)]),
        # scores: a set list, a half-point match score; an age after "He was ... and"
        ("She won 6-4, 3-6, 7-5 in almost three hours.", [("duration", 3, None)]),
        ("He beat the holder 7.5-6.5 over 14 games.", [("count", 14, None)]),
        ('"He was 24 and he had just found a job," she said.', []),
        ("The toll was 24 and rising.", [("count", 24, None)]),
        # a number to dial beside a figure; a witness count after "called" stays a count
        ("Only 23% had heard of the anti-scam hotline, 18222.", [("percent", 23, None)]),
        ("The prosecution called 12 witnesses.", [("count", 12, None)]),
        # the round base of a rate is not a figure; a count after "per" that is not one stays
        (
            "Admissions rose to 12.4 per 100,000 people, from 10.1 per 100,000.",
            [("count", 12.4, None), ("count", 10.1, None)],
        ),
        ("The rate fell to 13.1 births per 1,000 women.", [("count", 13.1, None)]),
        ("There were 48 deaths per million residents.", [("count", 48, None)]),
        ("The fine is £200 per 250 sheep.", [("money", 200, None), ("count", 250, None)]),
        # a year compared with at the end of its clause
        (
            "Box office is still 22 per cent below 2019, before the pandemic.",
            [("percent", 22, None), ("date", 2019, None)],
        ),
        # years
        (
            "It must recover 50% by the end of 2027 and 80% by 2031.",
            [
                ("percent", 50, None),
                ("percent", 80, None),
                ("date", 2027, None),
                ("date", 2031, None),
            ],
        ),
        ("Its bonds due 2028 fell.", [("date", 2028, None)]),
        (
            "It made a profit of £138 million for 2024 on Wednesday.",
            [("money", 138e6, None), ("date", 2024, None)],
        ),
    ],
)
def test_changes_guesses_spans_and_ages(
    text: str, expected: list[tuple[str, float, float | None]]
) -> None:
    assert [(f.kind, f.value, f.upper) for f in figures(text)] == expected


def test_a_guess_between_two_numbers_keeps_a_real_count_beside_it() -> None:
    found = key("The storm killed 40 people and injured 120, and two or three teams helped.")
    assert [(f.value, f.what) for f in found] == [(40, "people killed"), (120, "people injured")]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a count named again with "the" points back at the figure already told
        ("The storm killed two people. The two people killed were a couple.", [2]),
        ("Harcourt will split into three companies. It valued the three businesses highly.", [3]),
        ("The museum returned 312 objects. The 312 handed over include a drum.", [312]),
        # a larger number with another noun is another count
        ("The chain closed 40 stores. The 40 workers affected will be moved.", [40, 40]),
    ],
)
def test_a_count_named_again_with_the_is_told_once(text: str, values: list[float]) -> None:
    assert [f.value for f in key(text)] == values


def test_date_ranges_are_one_figure() -> None:
    text = (
        "Controllers will strike from August 2 to August 4. "
        "The fryers were sold between March 2021 and May 2023. "
        "Voting runs 2-4 May. The court sat on May 6 and May 7."
    )
    dates = [(f.value, f.upper, f.evidence) for f in figures(text, date(2026, 7, 1))]
    assert dates == [
        (20260802, 20260804, "from August 2 to August 4"),
        (20210300, 20230500, "between March 2021 and May 2023"),
        (20260502, 20260504, "2-4 May"),
        (20260506, None, "May 6"),
        (20260507, None, "May 7"),
    ]


# --------------------------------------------------------------------------- non-figures


@pytest.mark.parametrize(
    "text",
    [
        "It was the third day of protests and the 21st year of his rule.",  # ordinals
        "Our 2nd-year students worked hard.",
        "Britain will host Euro 2028, part of its Vision 2030 plan.",  # years in names
        "Delegates met at the COP29 summit.",
        "Fewer than half the buildings meet the 2007 Building Code.",
        "The family lives at 12 High Street.",  # street numbers
        "The minister spoke at 10 Downing Street and at 55 Canal Street.",
        "He flew on a Boeing 737 from Terminal 2.",  # model and place numbers
        "Flight 1282 returned safely.",
        "The Covid-19 pandemic changed everything.",
        "Amira Haddad, 52, lost her home.",  # an age
        "Two men, aged 34 and 57, were questioned.",
        "Most of the victims were over 65.",  # ages without the word "aged"
        "Most were under 10, officials said.",
        "The vaccine protects children under five and those over 65.",  # age groups
        "He will wear the number 9 shirt and rose to number 3 in the charts.",  # labels
        "The pupils were aged between nine and 13.",
        "The attack happened at 3 pm, and the curfew began at 10.30pm.",  # times
        "Trains stopped at 14:30 local time.",
        "It is the worst fire since the 1980s.",  # a decade
        "One of the leaders said no one was hurt.",  # "one" as a pronoun
    ],
)
def test_non_figures(text: str) -> None:
    assert [f for f in figures(text) if f.kind != "count" or f.value != 2] == []


def test_list_numbering_is_not_a_figure() -> None:
    text = (
        "Analysts see three options:\n\n"
        "1. A deal with the Homeland bloc, which won 38 seats.\n\n"
        "2. A grand coalition."
    )
    assert [(f.value, f.what) for f in key(text)] == [(3, "options"), (38, "seats won")]


def test_years_and_dates() -> None:
    text = (
        "The bank was founded in 1899 and taken over in 2020. "
        "The raids took place on May 6 and 7. "
        "Next year's summit runs from November 10 to 21, 2025. "
        "The last quake, on March 3, 2011, killed 212 people."
    )
    dates = [(f.value, f.upper) for f in figures(text, date(2024, 5, 8)) if f.kind == "date"]
    assert dates == [
        (1899, None),
        (2020, None),
        (20240506, None),
        (20240507, None),
        (20251110, 20251121),
        (20110303, None),
    ]


def test_a_date_without_year_takes_the_year_nearest_publication() -> None:
    december = figures("Floods hit the town on December 20.", date(2024, 1, 5))
    july = figures("The fiscal year begins on July 1.", date(2024, 3, 15))
    assert [f.value for f in december] == [20231220]
    assert [f.value for f in july] == [20240701]


# --------------------------------------------------------------------------- ranking


def test_ranking_rule_orders_categories_then_position() -> None:
    text = (
        "Shares fell 9%. "
        "The city will spend $5 million on repairs. "
        "Police arrested 40 people. "
        "Rescuers found 12 boats. "
        "Floods destroyed 300 homes. "
        "Three people were killed."
    )
    assert [f.value for f in key(text)] == [3, 40, 300, 5e6, 9, 12]


# --------------------------------------------------------------------------- quantities


def test_find_quantities_reads_value_unit_and_span() -> None:
    sentence = "I want two meters of cotton for £2,000 and between 44 and 50 mg of it"
    found = find_quantities(sentence)
    assert [(q.middle, q.unit, q.surface) for q in found] == [
        (2, "m", "two meters"),
        (2000, "GBP", "£2,000"),
        (47, "mg", "between 44 and 50 mg"),
    ]
    assert all(sentence[q.start : q.end] == q.surface for q in found)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It opened 3.5–4.0 TeV ago", [(3.75, "TeV")]),
        ("Italy's GDP is $2.174T", [(2.174e12, "USD")]),
        ("Objects fall at 9.83e-3 +/- 1e-5 km/s2", [(0.00983, "km/s^2")]),
        ("The number 1/0 is not a valid value.", []),
        ("At 2 pm everybody will be gone, a 2.123 pm grid stays.", [(2.123, "pm")]),
        ("We produced nothing in 2013-14.", []),
        ("The revenue is ($99.99).", [(-99.99, "USD")]),
    ],
)
def test_find_quantities_edge_cases(sentence: str, expected: list[tuple[float, str]]) -> None:
    assert [(pytest.approx(q.middle), q.unit) for q in find_quantities(sentence)] == expected


def test_quantulum3_test_sentences(shared_data: Path) -> None:
    """quantulum3's own English tests: every value and unit read as quantulum3 reads them."""
    bench = _bench()
    results = bench.quantulum_benchmark(shared_data)
    assert results["newsbrief"]["value"] >= 99.0
    assert results["newsbrief"]["value_unit"] >= 98.0


# --------------------------------------------------------------------------- harness floors


def _bench() -> ModuleType:
    """``bench/figures.py``, the harness, loaded once (it is a script, not a package)."""
    if "bench_figures" in sys.modules:
        return sys.modules["bench_figures"]
    spec = importlib.util.spec_from_file_location("bench_figures", ROOT / "bench" / "figures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_figures"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("name", "min_articles", "value_f1", "key_p", "key_r"),
    [
        ("dev", 20, 0.97, 0.97, 0.97),
        # tuned on since round 2 (see tests/data/figures/README.md)
        ("heldout", 10, 0.97, 0.95, 0.95),
        ("heldout2", 5, 0.97, 0.95, 0.95),
        # written as held-out sets, each scored once before it was tuned on (scores in
        # tests/data/figures/README.md)
        ("heldout3", 10, 0.95, 0.90, 0.90),
        ("heldout4", 20, 0.95, 0.92, 0.92),
        ("heldout5", 20, 0.95, 0.80, 0.82),
        ("heldout6", 20, 0.95, 0.92, 0.92),
        ("heldout7", 20, 0.95, 0.89, 0.87),
        ("heldout8", 20, 0.95, 0.85, 0.85),
        ("heldout9", 20, 0.95, 0.90, 0.90),
        ("heldout10", 20, 0.95, 0.90, 0.90),
        # held out: scored, their misses never read (first scores 98.8, 0.86 / 0.87 and
        # 98.8, 0.85 / 0.87; with the head ranker 0.90 / 0.92 and 0.88 / 0.90)
        ("heldout11", 20, 0.95, 0.88, 0.90),
        ("heldout12", 20, 0.95, 0.86, 0.88),
        # written blind, each scored once by the head ranker trained without it, then added
        # to the ranker's training reads (tests/data/figures/README.md)
        ("heldout13", 20, 0.95, 0.93, 0.93),
        ("heldout14", 20, 0.95, 0.89, 0.89),
        ("heldout15", 20, 0.95, 0.88, 0.89),
        ("heldout16", 20, 0.95, 0.87, 0.90),
        ("heldout17", 20, 0.95, 0.90, 0.91),
        ("heldout18", 20, 0.95, 0.89, 0.89),
        ("heldout19", 20, 0.95, 0.87, 0.90),
        ("heldout20", 20, 0.95, 0.90, 0.91),
        ("heldout21", 20, 0.95, 0.89, 0.93),
        ("heldout22", 20, 0.95, 0.91, 0.92),
        ("heldout23", 20, 0.95, 0.91, 0.92),
        ("heldout24", 20, 0.95, 0.84, 0.82),
        # held out from the head ranker and the rules: scored once by the shipped ranker,
        # misses never read (0.87 / 0.88, 0.87 / 0.88, 0.85 / 0.87 and 0.87 / 0.89)
        ("heldout25", 20, 0.95, 0.85, 0.86),
        ("heldout26", 20, 0.95, 0.85, 0.86),
        ("heldout27", 20, 0.95, 0.84, 0.85),
        ("heldout28", 20, 0.95, 0.85, 0.87),
        # written blind, each scored once by the ranker trained without it, then added to
        # the training reads
        ("heldout29", 20, 0.95, 0.90, 0.91),
        ("heldout30", 20, 0.95, 0.88, 0.89),
        ("heldout31", 20, 0.95, 0.85, 0.87),
        ("heldout32", 20, 0.95, 0.88, 0.89),
        ("heldout33", 20, 0.95, 0.88, 0.89),
        ("heldout34", 20, 0.95, 0.79, 0.79),
        ("heldout35", 20, 0.95, 0.87, 0.88),
        # held out, misses never read (first score 0.91 / 0.92)
        ("heldout36", 20, 0.95, 0.88, 0.89),
        ("heldout37", 20, 0.95, 0.90, 0.91),
        ("heldout38", 20, 0.95, 0.93, 0.93),
        ("heldout39", 20, 0.95, 0.85, 0.86),
        ("heldout40", 20, 0.95, 0.81, 0.82),
        ("heldout41", 20, 0.95, 0.85, 0.85),
        ("heldout42", 20, 0.95, 0.79, 0.80),
        ("heldout43", 20, 0.95, 0.87, 0.87),
        # held out, misses never read (first score 0.90 / 0.91)
        ("heldout44", 20, 0.95, 0.88, 0.88),
        # held out, misses never read: written after the ranker weighed every key figure,
        # scored once (0.92 / 0.93, 0.89 / 0.90, 0.90 / 0.91 and 0.875 / 0.89)
        ("heldout45", 20, 0.95, 0.89, 0.90),
        ("heldout46", 20, 0.95, 0.86, 0.87),
        ("heldout47", 20, 0.95, 0.87, 0.88),
        ("heldout48", 20, 0.95, 0.84, 0.86),
        # held out, misses never read: written after the value rules that followed, scored
        # once (0.94 / 0.94, 0.81 / 0.82, 0.90 / 0.91 and 0.92 / 0.93)
        ("heldout49", 20, 0.95, 0.91, 0.91),
        ("heldout50", 20, 0.95, 0.78, 0.79),
        ("heldout51", 20, 0.95, 0.87, 0.88),
        ("heldout52", 20, 0.95, 0.89, 0.90),
        # held out, misses never read: written after the score rules, scored once (0.905 /
        # 0.917, 0.903 / 0.905, 0.868 / 0.885 and 0.909 / 0.916)
        ("heldout53", 20, 0.95, 0.87, 0.88),
        ("heldout54", 20, 0.95, 0.87, 0.87),
        ("heldout55", 20, 0.95, 0.83, 0.85),
        ("heldout56", 20, 0.95, 0.87, 0.88),
        # held out, misses never read: written after the score rules, scored once by the
        # extractor of that moment (0.935 / 0.948, 0.897 / 0.897, 0.876 / 0.897, 0.897 /
        # 0.901, 0.890 / 0.895, 0.865 / 0.873, 0.791 / 0.811 and 0.905 / 0.925)
        ("heldout57", 20, 0.95, 0.91, 0.92),
        ("heldout58", 20, 0.95, 0.87, 0.87),
        ("heldout59", 20, 0.95, 0.85, 0.87),
        ("heldout60", 20, 0.95, 0.87, 0.88),
        ("heldout61", 20, 0.95, 0.86, 0.87),
        ("heldout62", 20, 0.95, 0.85, 0.86),
        ("heldout63", 20, 0.95, 0.80, 0.81),
        ("heldout64", 20, 0.95, 0.88, 0.90),
        # held out, misses never read: written after the rate's base, the lower margin and
        # the far subject, scored once (0.923 / 0.923, 0.872 / 0.875, 0.908 / 0.914, 0.886 /
        # 0.893, 0.908 / 0.908, 0.918 / 0.924, 0.917 / 0.935 and 0.919 / 0.940)
        ("heldout65", 20, 0.95, 0.89, 0.89),
        ("heldout66", 20, 0.95, 0.84, 0.84),
        ("heldout67", 20, 0.95, 0.87, 0.88),
        ("heldout68", 20, 0.95, 0.85, 0.86),
        ("heldout69", 20, 0.95, 0.87, 0.87),
        ("heldout70", 20, 0.95, 0.88, 0.89),
        ("heldout71", 20, 0.95, 0.88, 0.90),
        ("heldout72", 20, 0.95, 0.88, 0.90),
    ],
)
def test_annotated_sets_meet_their_floors(
    name: str, min_articles: int, value_f1: float, key_p: float, key_r: float
) -> None:
    bench = _bench()
    items = bench.load_set(ROOT / "tests" / "data" / "figures" / name)
    assert len(items) >= min_articles
    for item in items:
        words = len(item.article.body.split())
        assert 180 <= words <= 650, (item.name, words)
    score = bench.score_set(items)
    assert score.value_f1 >= value_f1
    assert score.key_p >= key_p
    assert score.key_r >= key_r


def test_evidence_is_verbatim_in_its_sentence_on_every_annotated_article() -> None:
    bench = _bench()
    for name in bench.SET_ROLES:
        for item in bench.load_set(ROOT / "tests" / "data" / "figures" / name):
            for figure in extract_figures(item.article):
                if figure.sentence < 0:
                    assert figure.evidence == item.article.published.isoformat()
                    continue
                assert figure.evidence
                assert figure.evidence in item.article.sentences[figure.sentence].text
                stored = json.loads(json.dumps(figure.to_dict()))
                assert Figure.from_dict(stored) == figure


# --------------------------------------------------------------------------- hostile input


@pytest.mark.parametrize(
    "text",
    [
        "1" * 100_000,
        "1," * 50_000,
        "1." * 50_000,
        "." * 100_000,
        "1 " * 50_000,
        "12 345 " * 10_000,
        "$1.5bn " * 10_000,
        "one two three " * 10_000,
        "between 1 and " * 10_000,
        "9" * 400 + "e999 km",
        ("1,000,000.5 " + "," * 50 + " ") * 2000,
    ],
)
def test_hostile_input_finishes_in_bounded_time(text: str) -> None:
    started = time.monotonic()
    found = extract_figures(Article(None, None, (text,), (_sentence(text),)))
    find_quantities(text)
    assert time.monotonic() - started < 20  # generous: catches catastrophic backtracking only
    assert all(f.value == f.value for f in found)  # no NaN


def _sentence(text: str) -> Sentence:
    return Sentence(0, 0, 0, len(text), text)


_PIECE_TEXT = (
    "one two twenty hundred thousand million bn m k between and to from more than about July "
    "May 28 2024 km per a the $ € £ % ( ) - 1,000 2.5 1/2 ½ 10 000 pm people killed were "
    "injured of , . 3e5 Street Euro 1st"
)
_PIECES = _PIECE_TEXT.split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30))
def test_any_text_gives_verbatim_spans(pieces: list[str]) -> None:
    text = " ".join(pieces)
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.surface
        assert q.value == q.value and (q.upper is None or q.upper == q.upper)
    for figure in extract_figures(Article(None, None, (text,), (_sentence(text),))):
        assert figure.evidence in text


# ------------------------------------------------------------------ one reading per sentence


def _words_of(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def _has_digit(text: str) -> bool:
    return re.search(r"[\d½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]", text) is not None


def test_quantities_of_reads_what_find_quantities_reads_on_every_annotated_sentence() -> None:
    bench = _bench()
    sentences = [
        s.text
        for name in bench.SET_ROLES
        for item in bench.load_set(ROOT / "tests" / "data" / "figures" / name)
        for s in item.article.sentences
    ]
    assert len(sentences) > 500
    for text in sentences:
        shared = quantities_of(text, text.lower(), _words_of(text), _has_digit(text))
        assert shared == find_quantities(text), text


# letters that re.IGNORECASE matches to ASCII letters ("ſ" is an "s", "K" a "k"): the word-set
# shortcuts must not skip a phrase the regular expressions would read
_TRAP_PIECES = [*_PIECES, "ſquare", "doſen", "groſs", "absolute", "zero", "baker's", "dozen", "ın"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TRAP_PIECES), min_size=1, max_size=30))
def test_quantities_of_matches_find_quantities_on_any_text(pieces: list[str]) -> None:
    text = " ".join(pieces)
    shared = quantities_of(text, text.lower(), _words_of(text), _has_digit(text))
    assert shared == find_quantities(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ1 ,.-'’\u00a0\u2009\n(“$", max_size=60))
def test_tokens_are_verbatim_and_cover_every_mark(text: str) -> None:
    tokens = _tokens(text)
    for token in tokens:
        assert text[token.start : token.end] == token.text
        assert token.lower == text.lower()[token.start : token.end]
    assert "".join(t.text for t in tokens) == "".join(text.split())


@pytest.mark.parametrize(
    "text",
    [
        "2 mıllion people",
        "half a bıllion",
        "5 cubıc metres",
        "3 lakhſ",
        "2 thouſand",
        "1 ſquare km",
    ],
)
def test_letters_that_ignorecase_reads_as_ascii_do_not_break_the_reader(text: str) -> None:
    # "ı" and "ſ" match "i" and "s" in re.IGNORECASE; the words they spell are no multiplier
    # or unit word, so nothing is multiplied, squared or read as a half of a scale
    found = find_quantities(text)
    assert all(q.value < 10 and not q.multiplied and "^" not in (q.unit or "") for q in found)
    digits = [float(text[0])] if text[0].isdigit() else []
    assert [q.value for q in found if not q.spelled] == digits
    extract_figures(Article(None, None, (text,), (_sentence(text),)))


def test_what_starts_after_said() -> None:
    assert one("The network said ice had thinned by an average of 2.8 metres.").what == (
        "ice thinned"
    )
    assert one("Halifax said house prices rose 0.8% in January.").what == "house prices rose"


def test_crowns_and_meticais_are_money() -> None:
    found = key(
        "The bill cuts taxes by 22 billion crowns ($2.1 billion) and 300 million Swedish crowns."
    )
    assert [(f.value, f.unit) for f in found] == [(22e9, "crown"), (2.1e9, "USD"), (300e6, "SEK")]
    assert [f.unit for f in key("It released 450 million meticais ($7 million).")] == ["MZN", "USD"]


def test_an_exchange_rate_after_a_change_is_a_level_not_a_range() -> None:
    found = key("The rand weakened 1.4% to 18.62 per dollar.")
    assert [(f.value, f.upper, f.what) for f in found] == [
        (1.4, None, "rand weakened"),
        (18.62, None, "rand weakened"),
    ]


@pytest.mark.parametrize(
    ("text", "whats"),
    [
        # a ranking names the counted thing once
        (
            "Arrivals from Korea rose to 880,000, followed by China with 760,000 and Taiwan"
            " with 590,000.",
            ["Arrivals rose", "Arrivals rose", "Arrivals rose"],
        ),
        # the same noun again, each with its own place or purpose
        (
            "Some 548,000 people are waiting for an appointment, 84,300 for a procedure and"
            " 58,100 for a scan.",
            [
                "people waiting for appointment",
                "people waiting for a procedure",
                "people waiting for a scan",
            ],
        ),
        (
            "Police arrested 40 people in Lagos and 12 in Abuja.",
            ["people arrested", "people arrested in Abuja"],
        ),
        # a fronted whole with its own number, for every part after it
        (
            "Of the 104 ranked universities, 52 fell, 19 rose.",
            ["ranked universities", "ranked universities fell", "ranked universities rose"],
        ),
        ("About 24,000 megawatts (MW) of capacity was lost.", ["capacity lost"]),
    ],
)
def test_lists_that_write_the_counted_thing_once(text: str, whats: list[str]) -> None:
    assert [f.what for f in key(text)] == whats


def test_a_time_is_not_what_a_percentage_measures() -> None:
    assert one("Gross domestic product fell by 0.1% in the last three months of 2004.").what == (
        "Gross domestic product fell"
    )


def test_a_second_annotation_lists_the_same_figures_and_mostly_agrees() -> None:
    # the ceiling of the key-figure score: two annotators, same rules, same articles
    bench = _bench()
    for name, second in bench.SECOND_ANNOTATIONS.items():
        first_items = bench.load_set(ROOT / "tests" / "data" / "figures" / name)
        agreement = bench.agreement(first_items, bench.load_set(second))
        assert agreement.key_rows >= 400
        assert 0.85 <= agreement.same_head < 1.0
        assert min(agreement.first_as_reader, agreement.second_as_reader) >= 0.85
        with pytest.raises(ValueError, match="do not list the same figures"):
            bench.agreement(first_items[:2], [first_items[1], first_items[0]])


def test_a_verb_after_and_is_not_a_second_noun() -> None:
    assert "consists" not in one("About 90% of Wembley's operating profit and consists of it.").what
