"""Privacy: what leaves memory (stored conversations, logs) never holds a full phone
number or birth date; what must cross turns (the number being verified) is sealed."""

from privacy.masking import mask_text, mask_value
from privacy.sealing import seal, unseal

__all__ = ["mask_text", "mask_value", "seal", "unseal"]
