/* test-connections.c — actors that share events with an actor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "atlas-connections.h"
#include "atlas-model.h"

static AtlasDataset *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

/* "id:count id:count …" */
static char *
describe (AtlasDataset *dataset,
          const char   *actor_id)
{
  AtlasActor *actor = atlas_dataset_lookup_actor (dataset, actor_id);
  g_autoptr(GArray) connections = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_nonnull (actor);
  connections = atlas_dataset_get_connections (dataset, actor);
  for (guint i = 0; i < connections->len; i++)
    {
      AtlasConnection *connection = &g_array_index (connections, AtlasConnection, i);

      g_string_append_printf (text, "%s%s:%u", i > 0 ? " " : "",
                              atlas_actor_get_id (connection->actor), connection->count);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_aleppo (void)
{
  g_autoptr(AtlasDataset) dataset = load (TEST_DATADIR "/aleppo-2016-12-05.json");
  g_autofree char *lavrov = describe (dataset, "sergei-lavrov");
  g_autofree char *kerry = describe (dataset, "john-kerry");
  g_autofree char *ministry = describe (dataset, "russian-defence-ministry");

  /* most shared first, ties in dataset order */
  g_assert_cmpstr (lavrov, ==,
                   "united-states:3 un-security-council:2 russia:1 russian-experts:1 "
                   "us-experts:1 john-kerry:1 egypt:1 new-zealand:1 spain:1 syrian-rebels:1");
  /* the proposals Kerry made in Rome, on which Lavrov said the talks would be based */
  g_assert_cmpstr (kerry, ==, "sergei-lavrov:1 united-states:1");
  g_assert_cmpstr (ministry, ==, "su-33-pilot:2 russia:1 admiral-kuznetsov:1 su-33:1");
}

static void
test_sample (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "sample.json", NULL);
  g_autoptr(AtlasDataset) dataset = load (path);
  g_autoptr(AtlasDataset) other = load (path);
  g_autofree char *lavrov = describe (dataset, "lavrov");
  g_autofree char *un = describe (dataset, "un");
  g_autoptr(GArray) foreign = NULL;

  /* Lavrov and Kerry meet in e1 and e4; membership (Russia) is not a connection */
  g_assert_cmpstr (lavrov, ==, "kerry:2");
  /* alone in its only event */
  g_assert_cmpstr (un, ==, "");

  /* an actor of another dataset has no connections here */
  foreign = atlas_dataset_get_connections (dataset, atlas_dataset_lookup_actor (other, "lavrov"));
  g_assert_cmpuint (foreign->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/connections/aleppo", test_aleppo);
  g_test_add_func ("/connections/sample", test_sample);

  return g_test_run ();
}
