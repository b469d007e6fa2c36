"""One refusal for input with wrong fields, whatever the form."""

from crm_desktop.domain.errors import InvalidFields, ValidationError
from crm_desktop.services.complaints import InvalidComplaint
from crm_desktop.services.customers import InvalidInput
from crm_desktop.services.orders import InvalidOrder
from crm_desktop.services.timeline import InvalidContact


def test_a_refusal_says_the_first_fields_problem_or_the_forms_own_sentence():
    """The errors are kept per field; the sentence is the first one's, or the customer form's request."""
    errors = [ValidationError("amount", "“{value}” is not an amount of money.", value="abc"),
              ValidationError("currency", "Choose a currency.")]
    for cls in (InvalidFields, InvalidOrder, InvalidContact, InvalidComplaint):
        refused = cls(errors)
        assert refused.errors == errors and refused.text() == "“abc” is not an amount of money."
    assert InvalidInput(errors).text() == "Please correct the highlighted fields."
    assert isinstance(InvalidInput(errors), InvalidFields) and InvalidInput(errors).errors == errors
