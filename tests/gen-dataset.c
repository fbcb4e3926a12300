/* gen-dataset.c — writes a seeded synthetic event-atlas dataset of N events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: gen-dataset [--seed S] [--locations L] [--actors A] N OUTPUT.json
 *
 * The shape follows what large real exports look like (ACLED-like rows converted to the
 * event-atlas format): ~740 bytes an event with a title, a summary, a source excerpt,
 * 1–3 places, 1–4 participants, fatalities on some, and dates of mixed precision
 * (date-times with an offset, bare days, months and years).  Events are written in
 * random time order, one per line.  The same seed always gives the same bytes.
 */

#include "config.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct
{
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  /* splitmix64 */
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (rng_next (rng) % n);
}

static const char * const words[] = {
  "forces", "shelling", "reported", "near", "district", "clashes", "between", "armed",
  "groups", "civilians", "killed", "wounded", "airstrike", "village", "checkpoint",
  "protest", "police", "dispersed", "crowd", "government", "opposition", "fighters",
  "artillery", "market", "convoy", "humanitarian", "aid", "blocked", "negotiations",
  "ceasefire", "violation", "residents", "fled", "eastern", "western", "northern",
  "southern", "outskirts", "local", "sources", "said", "according", "to", "the", "of",
  "in", "and", "on", "a", "after", "during", "overnight", "morning", "evening", "heavy",
  "fire", "explosion", "vehicle", "road", "bridge", "hospital", "school", "camp",
  "displaced", "families", "military", "operation", "launched", "captured", "positions",
  "retreated", "mortar", "rockets", "drone", "strike", "killing", "injuring", "several",
  "members", "militia", "unidentified", "gunmen", "abducted", "released", "detained",
  "arrested", "activists", "journalists", "demonstrators", "gathered", "square", "central",
};

static const char * const categories[] = {
  "battle", "explosion", "violence-against-civilians", "protest", "riot",
  "strategic-development",
};

static const char * const place_roles[] = { "occurred", "about", "origin", "destination" };
static const char * const participant_roles[] = {
  "agent", "target", "victim", "speaker", "subject", "mentioned",
};
static const char * const location_kinds[] = { "city", "district", "neighbourhood", "site" };
static const char * const actor_kinds[] = { "state", "armed-group", "organisation", "person" };

static void
append_words (GString *out,
              Rng     *rng,
              guint    min_chars,
              guint    spread)
{
  gsize start = out->len;
  guint target = min_chars + rng_below (rng, spread);
  gboolean first = TRUE;

  while (out->len - start < target)
    {
      const char *word = words[rng_below (rng, G_N_ELEMENTS (words))];

      if (!first)
        g_string_append_c (out, ' ');
      if (first)
        {
          g_string_append_c (out, g_ascii_toupper (word[0]));
          g_string_append (out, word + 1);
        }
      else
        g_string_append (out, word);
      first = FALSE;
    }
}

static void
append_date (GString *out,
             Rng     *rng,
             gint64   seconds,
             guint    precision)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);
  int offset_hours = (int) rng_below (rng, 5);   /* +00:00 … +04:00 */
  g_autoptr(GDateTime) local = g_date_time_add_hours (utc, offset_hours);

  switch (precision)
    {
    case 0:
      g_string_append_printf (out, "%04d", g_date_time_get_year (local));
      break;
    case 1:
      g_string_append_printf (out, "%04d-%02d", g_date_time_get_year (local),
                              g_date_time_get_month (local));
      break;
    case 2:
      g_string_append_printf (out, "%04d-%02d-%02d", g_date_time_get_year (local),
                              g_date_time_get_month (local), g_date_time_get_day_of_month (local));
      break;
    default:
      g_string_append_printf (out, "%04d-%02d-%02dT%02d:%02d:00+%02d:00",
                              g_date_time_get_year (local), g_date_time_get_month (local),
                              g_date_time_get_day_of_month (local),
                              g_date_time_get_hour (local), g_date_time_get_minute (local),
                              offset_hours);
      break;
    }
}

int
main (int   argc,
      char *argv[])
{
  gint64 seed = 1;
  gint n_locations = 2000, n_actors = 500, n_sources = 40;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed", "S" },
    { "locations", 0, 0, G_OPTION_ARG_INT, &n_locations, "Number of locations", "L" },
    { "actors", 0, 0, G_OPTION_ARG_INT, &n_actors, "Number of actors", "A" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("N OUTPUT.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_sized_new (1 << 20);
  const gint64 time_from = 1293840000;   /* 2011-01-01 */
  const gint64 time_span = 441763200;    /* to 2024-12-31 */
  guint64 n_events;
  Rng rng;
  FILE *f;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3
      || n_locations < 1 || n_actors < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "usage: gen-dataset N OUTPUT.json");
      return 2;
    }

  n_events = g_ascii_strtoull (argv[1], NULL, 10);
  rng.state = (guint64) seed;
  f = fopen (argv[2], "wb");
  if (f == NULL)
    {
      perror (argv[2]);
      return 1;
    }

  g_string_append_printf (out,
                          "{\n\"format\": \"event-atlas\",\n\"version\": 1,\n"
                          "\"title\": \"Synthetic dataset, %" G_GUINT64_FORMAT " events "
                          "(seed %" G_GINT64_FORMAT ")\",\n\"language\": \"en\",\n"
                          "\"sources\": [\n", n_events, seed);
  for (int i = 0; i < n_sources; i++)
    g_string_append_printf (out, "{\"id\": \"src-%02d\", \"title\": \"Field report %d\", "
                            "\"publisher\": \"Monitor %d\"}%s\n", i, i, i % 7,
                            i + 1 < n_sources ? "," : "");
  g_string_append (out, "],\n\"actors\": [\n");
  for (int i = 0; i < n_actors; i++)
    {
      g_string_append_printf (out, "{\"id\": \"act-%04d\", \"name\": \"", i);
      append_words (out, &rng, 10, 20);
      g_string_append_printf (out, "\", \"kind\": \"%s\"",
                              actor_kinds[rng_below (&rng, G_N_ELEMENTS (actor_kinds))]);
      if (i > 20 && rng_below (&rng, 4) == 0)
        g_string_append_printf (out, ", \"affiliation\": \"act-%04d\"", rng_below (&rng, 20));
      g_string_append_printf (out, "}%s\n", i + 1 < n_actors ? "," : "");
    }
  g_string_append (out, "],\n\"locations\": [\n");
  for (int i = 0; i < n_locations; i++)
    {
      /* clustered around a few centres, as real conflict data is */
      double clat = 30.0 + 8.0 * (double) (i % 7) / 7.0;
      double clon = 34.0 + 12.0 * (double) (i % 5) / 5.0;
      double lat = clat + ((double) rng_below (&rng, 200000) - 100000.0) / 50000.0;
      double lon = clon + ((double) rng_below (&rng, 200000) - 100000.0) / 50000.0;

      g_string_append_printf (out, "{\"id\": \"loc-%05d\", \"name\": \"", i);
      append_words (out, &rng, 6, 14);
      g_string_append_printf (out, "\", \"lat\": %.5f, \"lon\": %.5f, \"kind\": \"%s\"}%s\n",
                              lat, lon,
                              location_kinds[rng_below (&rng, G_N_ELEMENTS (location_kinds))],
                              i + 1 < n_locations ? "," : "");
    }
  g_string_append (out, "],\n\"events\": [\n");

  for (guint64 e = 0; e < n_events; e++)
    {
      guint precision_pick = rng_below (&rng, 100);
      guint precision = precision_pick < 55 ? 3 : precision_pick < 85 ? 2
                        : precision_pick < 97 ? 1 : 0;
      gint64 when = time_from + (gint64) (rng_next (&rng) % (guint64) time_span);
      guint n_places = 1 + rng_below (&rng, 3) / 2 + (rng_below (&rng, 6) == 0);
      guint n_participants = 1 + rng_below (&rng, 4);

      g_string_append_printf (out, "{\"id\": \"ev-%07" G_GUINT64_FORMAT "\", \"title\": \"", e);
      append_words (out, &rng, 30, 40);
      g_string_append (out, "\", \"summary\": \"");
      append_words (out, &rng, 140, 90);
      g_string_append (out, "\", \"start\": \"");
      append_date (out, &rng, when, precision);
      g_string_append_c (out, '"');
      if (precision == 1)
        g_string_append (out, ", \"date_precision\": \"month\"");
      else if (precision == 0)
        g_string_append (out, ", \"date_precision\": \"year\"");
      if (precision >= 2 && rng_below (&rng, 10) == 0)
        {
          g_string_append (out, ", \"end\": \"");
          append_date (out, &rng, when + 86400 * (1 + (gint64) rng_below (&rng, 5)), 2);
          g_string_append_c (out, '"');
        }
      g_string_append_printf (out, ", \"category\": \"%s\", \"places\": [",
                              categories[rng_below (&rng, G_N_ELEMENTS (categories))]);
      for (guint i = 0; i < n_places; i++)
        {
          /* a skewed choice: a few places see most events */
          guint loc = rng_below (&rng, 4) == 0 ? rng_below (&rng, (guint) n_locations)
                      : rng_below (&rng, MAX (1u, (guint) n_locations / 10));

          g_string_append_printf (out, "%s{\"location\": \"loc-%05u\", \"role\": \"%s\"}",
                                  i > 0 ? ", " : "", loc,
                                  place_roles[i == 0 ? 0 : rng_below (&rng, 4)]);
        }
      g_string_append (out, "], \"participants\": [");
      for (guint i = 0; i < n_participants; i++)
        {
          guint actor = rng_below (&rng, 3) == 0 ? rng_below (&rng, (guint) n_actors)
                        : rng_below (&rng, MAX (1u, (guint) n_actors / 8));

          g_string_append_printf (out, "%s{\"actor\": \"act-%04u\", \"role\": \"%s\"}",
                                  i > 0 ? ", " : "", actor,
                                  participant_roles[rng_below (&rng, 6)]);
        }
      g_string_append_printf (out, "], \"source\": {\"source\": \"src-%02u\", \"excerpt\": \"",
                              rng_below (&rng, (guint) n_sources));
      append_words (out, &rng, 90, 50);
      g_string_append (out, "\"}");
      if (rng_below (&rng, 3) == 0)
        g_string_append_printf (out, ", \"fatalities\": {\"civilians\": %u}",
                                rng_below (&rng, 30));
      g_string_append_printf (out, "}%s\n", e + 1 < n_events ? "," : "");

      if (out->len > (1 << 20))
        {
          fwrite (out->str, 1, out->len, f);
          g_string_truncate (out, 0);
        }
    }

  g_string_append (out, "]\n}\n");
  fwrite (out->str, 1, out->len, f);
  if (fclose (f) != 0)
    {
      perror (argv[2]);
      return 1;
    }

  return 0;
}
