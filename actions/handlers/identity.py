"""Reading a phone number and a birth date out of what the customer typed.

The one parser lives in privacy/identity.py: the masking uses the same one (what we read, we mask).
"""

from privacy.identity import birth_date_part, find_birth_date, find_phone, lookup_identifiers

__all__ = ["birth_date_part", "find_birth_date", "find_phone", "lookup_identifiers"]
