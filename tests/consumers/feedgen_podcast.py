#!/usr/bin/env python3
"""Writes tests/fixtures/feeds/feedgen-podcast.rss.xml with python-feedgen's
podcast extension (pip install feedgen), as podcasters' own tools write
their feeds; the test suite reads the committed file back. Run it again
only to see what a newer feedgen writes, and read the diff.
"""

import os
from datetime import datetime, timezone

from feedgen.feed import FeedGenerator

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

fg = FeedGenerator()
fg.load_extension("podcast")
fg.title("Harbour Lights")
fg.link(href="https://harbourlights.example.fm/", rel="alternate")
fg.description("Stories from the night shift at a small fishing port.")
fg.language("en-GB")
fg.author({"name": "Ruth Adeyemi", "email": "ruth@harbourlights.example.fm"})
fg.lastBuildDate(datetime(2024, 3, 8, 6, 0, tzinfo=timezone.utc))
fg.podcast.itunes_author("Ruth Adeyemi")
fg.podcast.itunes_category("Society & Culture", "Documentary")
fg.podcast.itunes_explicit("no")
fg.podcast.itunes_image("https://harbourlights.example.fm/artwork.jpg")
fg.podcast.itunes_owner(name="Ruth Adeyemi", email="ruth@harbourlights.example.fm")
fg.podcast.itunes_summary("Stories from the night shift at a small fishing port.")
fg.podcast.itunes_type("episodic")

episodes = [
    (1, "The harbour master", "Forty years of lights and logbooks.", 1834, 29345621, datetime(2024, 3, 1, 6, 0, tzinfo=timezone.utc)),
    (2, "Ice on the nets", "What a hard frost does to a trawler's night.", 2405, 38501234, datetime(2024, 3, 8, 6, 0, tzinfo=timezone.utc)),
]
for number, title, summary, seconds, length, date in episodes:
    fe = fg.add_entry(order="append")
    fe.id(f"https://harbourlights.example.fm/episodes/{number}")
    fe.title(f"Episode {number}: {title}")
    fe.link(href=f"https://harbourlights.example.fm/episodes/{number}")
    fe.description(f"<p>{summary}</p>")
    fe.published(date)
    fe.enclosure(f"https://cdn.harbourlights.example.fm/ep{number}.mp3", str(length), "audio/mpeg")
    fe.podcast.itunes_duration(seconds)
    fe.podcast.itunes_episode(number)
    fe.podcast.itunes_season(1)
    fe.podcast.itunes_explicit("no")
    fe.podcast.itunes_summary(summary)

fg.rss_file(os.path.join(ROOT, "tests", "fixtures", "feeds", "feedgen-podcast.rss.xml"), pretty=True)
