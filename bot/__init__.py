"""newsbrief's Telegram side: settings, the article store, ingestion and the bot itself.

``python -m bot`` runs it; ``bot.app.build_application`` builds it. Nothing here is
imported by ``summarizer``, and nothing here imports sumy or nltk.
"""
