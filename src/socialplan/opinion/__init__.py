"""Opinion research: sentiment and themes of what people say about the brand, English and Hebrew.

Sentiment is re-exported here; themes (``opinion.themes``), brand measurements and alerts
(``opinion.measures``, which loads Ibis), privacy (``opinion.privacy``) and the focus-group
report (``opinion.report``) are imported from their modules. See docs/opinion.md.
"""

from socialplan.opinion.language import text_lang
from socialplan.opinion.sentiment import Sentiment, SentimentLabel, text_sentiment, texts_sentiment

__all__ = ["Sentiment", "SentimentLabel", "text_lang", "text_sentiment", "texts_sentiment"]
