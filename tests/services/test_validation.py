import pytest

from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.models import ContactInput, CustomerInput
from crm_desktop.services.validation import format_phone, normalize_email, normalize_phone, validate_customer


def test_mainland_mobile_normalised_to_e164():
    """A CN mobile typed with spaces becomes +86…"""
    assert normalize_phone("138 0013 8000") == "+8613800138000"


def test_foreign_number_with_prefix_is_kept():
    """A Hong Kong number with +852 is valid."""
    assert normalize_phone("+852 2123 4567") == "+85221234567"


def test_malformed_phone_is_refused_with_field_name():
    """A too-short number is refused, naming the phone field."""
    with pytest.raises(ValidationError) as err:
        normalize_phone("12345")
    assert err.value.field == "phone" and "12345" in str(err.value)


def test_malformed_email_is_refused():
    """An address without a domain is refused."""
    with pytest.raises(ValidationError):
        normalize_email("zhang@")


def test_validate_collects_every_problem_and_keeps_input():
    """All problems are reported at once and the typed values are not lost."""
    data = CustomerInput(name="  ", phone="999", email="bad", contacts=[ContactInput(name="", phone="1")])
    clean, errors = validate_customer(data)
    assert {e.field for e in errors} == {"name", "phone", "email", "contacts.0.name", "contacts.0.phone"}
    assert clean.phone == "999" and clean.email == "bad"


def test_format_phone_national_for_china():
    """Stored E.164 numbers show in national form for CN."""
    assert format_phone("+8613800138000") == "138 0013 8000"
