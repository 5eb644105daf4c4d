"""TIMEX3 temporal expressions: recognition and normalisation against the document date.

>>> import datetime as dt
>>> [(t.text, t.value) for t in TimexTagger()("It rained yesterday.", dt.date(2023, 9, 5))]
[('yesterday', '2023-09-04')]
"""

from .tagger import TimexTagger
from .timeml import to_timeml

__all__ = ["TimexTagger", "to_timeml"]
