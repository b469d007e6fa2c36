"""Who is who: names compared by one rule, owners stored as person ids and shown by name."""

from crm_desktop.domain.people import is_person_id, owner_label, owner_values, pick_person, same_person

WANG = "0" * 31 + "1"
CHEN = "0" * 31 + "2"
PEOPLE = {WANG: "王磊", CHEN: "陈小静"}


def test_spellings_of_one_name_are_one_person():
    """Full-width forms, case and outer spaces do not make another salesperson; an empty name is nobody."""
    assert same_person("Alex Chen", " alex chen ") and same_person("王磊", "王磊 ")
    assert not same_person("", "") and not same_person("王磊", "王雷")


def test_a_person_id_is_32_hex_digits():
    """Only the form ids are made in counts as an id: a name, a short or upper-case string does not."""
    assert is_person_id(WANG) and not is_person_id("王磊") and not is_person_id(WANG.upper().replace("0", "A"))
    assert not is_person_id("") and not is_person_id(WANG[:-1])


def test_the_stored_values_of_a_name_are_its_people_and_its_old_spellings():
    """A name → the ids of the people going by it, the id it would get, and names stored as typed before ids."""
    stored = [WANG, CHEN, "王磊 ", "李娜"]
    assert owner_values("王磊", stored, PEOPLE, "own") == tuple(sorted({WANG, "王磊 ", "own"}))
    assert owner_values(CHEN, stored, PEOPLE) == (CHEN,)  # an id: that person (and the spellings of her name)
    assert owner_values("", stored, PEOPLE) == () and owner_values(None, stored, PEOPLE) == ()


def test_an_owner_shows_by_name_and_an_unknown_id_by_its_first_digits():
    """The person's name; a name stored as typed, as typed; an id nobody in the book has as # and 6 digits."""
    assert owner_label(WANG, PEOPLE) == "王磊" and owner_label("李娜", PEOPLE) == "李娜"
    assert owner_label("f" * 32, PEOPLE) == "#ffffff" and owner_label("", PEOPLE) == ""


def test_choosing_a_known_name_makes_me_that_person():
    """Picking a teammate's name adopts their id; another name renames me; a first start makes a new person."""
    assert pick_person("陈小静", PEOPLE.items(), "", "new") == (CHEN, False)
    assert pick_person("王小磊", PEOPLE.items(), WANG, "new") == (WANG, True)
    assert pick_person("新人", PEOPLE.items(), "", "new") == ("new", False)
