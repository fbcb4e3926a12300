/* test-event.c — the compact event gives back exactly what was loaded: strings
 * (absent, empty), places, participants with their roles and fatalities (all
 * in one block), and the rare fields kept apart (attributions, offsets past
 * 2^31, quotes)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "atlas-export.h"
#include "atlas-loader.h"
#include "atlas-model.h"

static const char dataset_json[] =
  "{\"format\": \"event-atlas\", \"version\": 1,\n"
  " \"actors\": [{\"id\": \"a1\", \"name\": \"One\"}, {\"id\": \"a2\", \"name\": \"Two\"},\n"
  "             {\"id\": \"a3\", \"name\": \"Three\"}],\n"
  " \"locations\": [{\"id\": \"l1\", \"name\": \"Aleppo\", \"lat\": 36.2, \"lon\": 37.1},\n"
  "                {\"id\": \"l2\", \"name\": \"Idlib\", \"lat\": 35.9, \"lon\": 36.6}],\n"
  " \"sources\": [{\"id\": \"s1\", \"title\": \"A source with no text\"}],\n"
  " \"events\": [\n"
  "  {\"id\": \"big\", \"title\": \"Far offset\", \"summary\": \"\",\n"
  "   \"start\": \"2016-12-05T10:00:00-09:30\", \"end\": \"2016-12-06\",\n"
  "   \"date_text\": \"Monday\",\n"
  "   \"places\": [{\"location\": \"l2\", \"role\": \"origin\"},\n"
  "              {\"location\": \"l1\", \"role\": \"destination\"}],\n"
  "   \"participants\": [{\"actor\": \"a3\", \"role\": \"target\"},\n"
  "                    {\"actor\": \"a1\", \"role\": \"agent\"},\n"
  "                    {\"actor\": \"a2\"}],\n"
  "   \"source\": {\"source\": \"s1\", \"excerpt\": \"far away\", \"offset\": 3000000000,\n"
  "              \"attributed_to\": \"a2\"},\n"
  "   \"quotes\": [{\"actor\": \"a1\", \"text\": \"Said.\"}],\n"
  "   \"fatalities\": {\"civilians\": {\"count\": 12, \"qualifier\": \"at least\"},\n"
  "                  \"fighters\": 3}},\n"
  "  {\"id\": \"small\", \"title\": \"Near offset\", \"start\": \"2016\",\n"
  "   \"participants\": [{\"actor\": \"a2\", \"role\": \"victim\"}],\n"
  "   \"fatalities\": {\"fighters\": 0},\n"
  "   \"source\": {\"source\": \"s1\", \"offset\": 2147483647}},\n"
  "  {\"id\": \"plain\", \"title\": \"Nothing else\", \"undated\": true}\n"
  " ]\n"
  "}\n";

static AtlasDataset *
load_string (const char *json)
{
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_loader_load_data (json, strlen (json), "<data>", NULL, NULL,
                                                  &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

static void
assert_events (AtlasDataset *dataset)
{
  AtlasEvent *event = atlas_dataset_lookup_event (dataset, "big");
  AtlasPlaceRole place_role;
  AtlasParticipantRole participant_role;
  AtlasActor *speaker = NULL;
  const char *qualifier = NULL;
  gint64 count = -1;

  g_assert_cmpstr (atlas_event_get_id (event), ==, "big");
  g_assert_cmpstr (atlas_event_get_title (event), ==, "Far offset");
  g_assert_cmpstr (atlas_event_get_summary (event), ==, "");
  g_assert_cmpstr (atlas_event_get_start_text (event), ==, "2016-12-05T10:00:00-09:30");
  g_assert_cmpint (atlas_event_get_utc_offset (event), ==, -(9 * 3600 + 30 * 60));
  g_assert_cmpstr (atlas_event_get_end_text (event), ==, "2016-12-06");
  g_assert_cmpstr (atlas_event_get_date_text (event), ==, "Monday");
  g_assert_cmpstr (atlas_event_get_excerpt (event), ==, "far away");
  g_assert_cmpint (atlas_event_get_excerpt_offset (event), ==, G_GINT64_CONSTANT (3000000000));
  g_assert_cmpstr (atlas_actor_get_id (atlas_event_get_attributed_to (event)), ==, "a2");

  g_assert_cmpuint (atlas_event_get_n_places (event), ==, 2);
  g_assert_cmpstr (atlas_location_get_id (atlas_event_get_place (event, 0, &place_role)), ==,
                   "l2");
  g_assert_cmpint (place_role, ==, ATLAS_PLACE_ROLE_ORIGIN);
  g_assert_cmpstr (atlas_location_get_id (atlas_event_get_place (event, 1, &place_role)), ==,
                   "l1");
  g_assert_cmpint (place_role, ==, ATLAS_PLACE_ROLE_DESTINATION);

  g_assert_cmpuint (atlas_event_get_n_participants (event), ==, 3);
  g_assert_cmpstr (atlas_actor_get_id (atlas_event_get_participant (event, 0, &participant_role)),
                   ==, "a3");
  g_assert_cmpint (participant_role, ==, ATLAS_PARTICIPANT_ROLE_TARGET);
  g_assert_cmpstr (atlas_actor_get_id (atlas_event_get_participant (event, 1, &participant_role)),
                   ==, "a1");
  g_assert_cmpint (participant_role, ==, ATLAS_PARTICIPANT_ROLE_AGENT);
  g_assert_cmpstr (atlas_actor_get_id (atlas_event_get_participant (event, 2, &participant_role)),
                   ==, "a2");
  g_assert_cmpint (participant_role, ==, ATLAS_PARTICIPANT_ROLE_MENTIONED);
  g_assert_true (atlas_event_has_actor (event, atlas_dataset_lookup_actor (dataset, "a3")));
  g_assert_true (atlas_event_has_location (event, atlas_dataset_lookup_location (dataset, "l1")));

  g_assert_cmpuint (atlas_event_get_n_quotes (event), ==, 1);
  g_assert_cmpstr (atlas_event_get_quote (event, 0, &speaker), ==, "Said.");
  g_assert_cmpstr (atlas_actor_get_id (speaker), ==, "a1");

  g_assert_cmpuint (atlas_event_get_n_fatalities (event), ==, 2);
  g_assert_cmpstr (atlas_event_get_fatality (event, 0, &count, &qualifier), ==, "civilians");
  g_assert_cmpint (count, ==, 12);
  g_assert_cmpstr (qualifier, ==, "at least");
  g_assert_cmpstr (atlas_event_get_fatality (event, 1, &count, &qualifier), ==, "fighters");
  g_assert_cmpint (count, ==, 3);
  g_assert_null (qualifier);

  event = atlas_dataset_lookup_event (dataset, "small");
  g_assert_cmpint (atlas_event_get_excerpt_offset (event), ==, G_MAXINT32);
  g_assert_null (atlas_event_get_excerpt (event));
  g_assert_null (atlas_event_get_summary (event));
  g_assert_null (atlas_event_get_attributed_to (event));
  g_assert_cmpuint (atlas_event_get_n_quotes (event), ==, 0);
  g_assert_cmpuint (atlas_event_get_n_places (event), ==, 0);
  g_assert_cmpuint (atlas_event_get_n_participants (event), ==, 1);
  g_assert_cmpstr (atlas_actor_get_id (atlas_event_get_participant (event, 0, &participant_role)),
                   ==, "a2");
  g_assert_cmpint (participant_role, ==, ATLAS_PARTICIPANT_ROLE_VICTIM);
  g_assert_cmpuint (atlas_event_get_n_fatalities (event), ==, 1);
  g_assert_cmpstr (atlas_event_get_fatality (event, 0, &count, &qualifier), ==, "fighters");
  g_assert_cmpint (count, ==, 0);
  g_assert_cmpstr (atlas_event_get_title (event), ==, "Near offset");

  event = atlas_dataset_lookup_event (dataset, "plain");
  g_assert_true (atlas_event_is_undated (event));
  g_assert_null (atlas_event_get_start_text (event));
  g_assert_null (atlas_event_get_date_text (event));
  g_assert_cmpint (atlas_event_get_excerpt_offset (event), ==, -1);
  g_assert_null (atlas_event_get_source (event));
  g_assert_cmpuint (atlas_event_get_n_participants (event), ==, 0);
  g_assert_cmpuint (atlas_event_get_n_fatalities (event), ==, 0);
  g_assert_cmpstr (atlas_event_get_id (event), ==, "plain");
  g_assert_cmpstr (atlas_event_get_title (event), ==, "Nothing else");
}

/* Blocks of 64 KiB or more keep no offsets: their strings are found by walking,
 * absent ones skipped */
static void
test_long_block (void)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(AtlasDataset) dataset = NULL;
  AtlasEvent *event;

  for (guint i = 0; long_text->len < 70000; i++)
    g_string_append_printf (long_text, "word %u ", i);

  g_string_append_printf (json,
                          "{\"format\": \"event-atlas\", \"version\": 1,\n"
                          " \"actors\": [{\"id\": \"a1\", \"name\": \"One\"}],\n"
                          " \"locations\": [],\n"
                          " \"sources\": [{\"id\": \"s1\", \"title\": \"S\"}],\n"
                          " \"events\": [\n"
                          "  {\"id\": \"long-summary\", \"title\": \"L\", \"summary\": \"%s\",\n"
                          "   \"start\": \"2016-12-05\", \"end\": \"2016-12-07\",\n"
                          "   \"date_text\": \"Monday to Wednesday\",\n"
                          "   \"participants\": [{\"actor\": \"a1\", \"role\": \"agent\"}],\n"
                          "   \"fatalities\": {\"civilians\": 4},\n"
                          "   \"source\": {\"source\": \"s1\", \"excerpt\": \"the end\"}},\n"
                          "  {\"id\": \"long-date-text\", \"title\": \"D\", \"undated\": true,\n"
                          "   \"date_text\": \"%s\",\n"
                          "   \"source\": {\"source\": \"s1\", \"excerpt\": \"after\"}}\n"
                          " ]\n"
                          "}\n", long_text->str, long_text->str);
  dataset = load_string (json->str);

  event = atlas_dataset_lookup_event (dataset, "long-summary");
  g_assert_cmpstr (atlas_event_get_id (event), ==, "long-summary");
  g_assert_cmpstr (atlas_event_get_title (event), ==, "L");
  g_assert_cmpstr (atlas_event_get_summary (event), ==, long_text->str);
  g_assert_cmpstr (atlas_event_get_start_text (event), ==, "2016-12-05");
  g_assert_cmpstr (atlas_event_get_end_text (event), ==, "2016-12-07");
  g_assert_cmpstr (atlas_event_get_date_text (event), ==, "Monday to Wednesday");
  g_assert_cmpstr (atlas_event_get_excerpt (event), ==, "the end");
  g_assert_cmpuint (atlas_event_get_n_fatalities (event), ==, 1);
  g_assert_cmpstr (atlas_event_get_fatality (event, 0, NULL, NULL), ==, "civilians");
  g_assert_cmpuint (atlas_event_get_n_participants (event), ==, 1);
  g_assert_true (atlas_event_matches_search (event, "word 7000 "));
  g_assert_false (atlas_event_matches_search (event, "word 99999 "));

  event = atlas_dataset_lookup_event (dataset, "long-date-text");
  g_assert_cmpstr (atlas_event_get_title (event), ==, "D");
  g_assert_null (atlas_event_get_summary (event));
  g_assert_null (atlas_event_get_start_text (event));
  g_assert_null (atlas_event_get_end_text (event));
  g_assert_cmpstr (atlas_event_get_date_text (event), ==, long_text->str);
  g_assert_cmpstr (atlas_event_get_excerpt (event), ==, "after");
}

/* loaded, then saved and loaded again: the same values */
static void
test_round_trip (void)
{
  g_autoptr(AtlasDataset) dataset = load_string (dataset_json);
  g_autoptr(AtlasDataset) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-test-event-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  assert_events (dataset);

  path = g_build_filename (dir, "saved.json", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (atlas_dataset_save (dataset, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "\"offset\" : 3000000000"));

  again = load_string (contents);
  assert_events (again);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/event/compact/round-trip", test_round_trip);
  g_test_add_func ("/event/compact/long-block", test_long_block);

  return g_test_run ();
}
