/* test-cache.c — the reopen cache gives back the same model, and is never trusted
 * when it is damaged, of another version or older than its file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "atlas-cache.h"
#include "atlas-model.h"

static char *tmp_dir;

/* ------------------------------------------------------------------------ */
/* Comparing two models getter by getter                                    */

static void
assert_same_names (GHashTable *a,
                   GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (value, ==, g_hash_table_lookup (b, key));
}

#define ID_OR_NULL(getter, object) ((object) != NULL ? getter (object) : NULL)

static void
assert_same_actor (AtlasActor *a,
                   AtlasActor *b)
{
  const char * const *aliases_a = atlas_actor_get_aliases (a);
  const char * const *aliases_b = atlas_actor_get_aliases (b);

  g_assert_cmpstr (atlas_actor_get_id (a), ==, atlas_actor_get_id (b));
  g_assert_cmpstr (atlas_actor_get_name (a), ==, atlas_actor_get_name (b));
  g_assert_cmpstr (atlas_actor_get_name_for (a, "ar"), ==, atlas_actor_get_name_for (b, "ar"));
  g_assert_cmpstr (atlas_actor_get_display_name (a), ==, atlas_actor_get_display_name (b));
  assert_same_names (atlas_actor_get_names (a), atlas_actor_get_names (b));
  g_assert_cmpuint (g_strv_length ((char **) aliases_a), ==, g_strv_length ((char **) aliases_b));
  for (guint i = 0; aliases_a[i] != NULL; i++)
    g_assert_cmpstr (aliases_a[i], ==, aliases_b[i]);
  g_assert_cmpint (atlas_actor_get_kind (a), ==, atlas_actor_get_kind (b));
  g_assert_cmpstr (ID_OR_NULL (atlas_actor_get_id, atlas_actor_get_affiliation (a)), ==,
                   ID_OR_NULL (atlas_actor_get_id, atlas_actor_get_affiliation (b)));
  g_assert_cmpstr (atlas_actor_get_description (a), ==, atlas_actor_get_description (b));
  g_assert_cmpuint (atlas_actor_get_index (a), ==, atlas_actor_get_index (b));
  g_assert_cmpuint (atlas_actor_get_n_events (a), ==, atlas_actor_get_n_events (b));
}

static void
assert_same_location (AtlasLocation *a,
                      AtlasLocation *b)
{
  const double *area_a, *area_b;
  guint n_a = 0, n_b = 0;

  g_assert_cmpstr (atlas_location_get_id (a), ==, atlas_location_get_id (b));
  g_assert_cmpstr (atlas_location_get_name (a), ==, atlas_location_get_name (b));
  g_assert_cmpstr (atlas_location_get_name_for (a, "ar"), ==,
                   atlas_location_get_name_for (b, "ar"));
  g_assert_cmpstr (atlas_location_get_display_name (a), ==,
                   atlas_location_get_display_name (b));
  assert_same_names (atlas_location_get_names (a), atlas_location_get_names (b));
  g_assert_cmpint (atlas_location_get_kind (a), ==, atlas_location_get_kind (b));
  g_assert_cmpfloat (atlas_location_get_latitude (a), ==, atlas_location_get_latitude (b));
  g_assert_cmpfloat (atlas_location_get_longitude (a), ==, atlas_location_get_longitude (b));
  g_assert_cmpfloat (atlas_location_get_precision_m (a), ==, atlas_location_get_precision_m (b));
  g_assert_cmpstr (ID_OR_NULL (atlas_location_get_id, atlas_location_get_parent (a)), ==,
                   ID_OR_NULL (atlas_location_get_id, atlas_location_get_parent (b)));
  area_a = atlas_location_get_area (a, &n_a);
  area_b = atlas_location_get_area (b, &n_b);
  g_assert_cmpuint (n_a, ==, n_b);
  if (n_a > 0)
    g_assert_cmpmem (area_a, n_a * 2 * sizeof (double), area_b, n_b * 2 * sizeof (double));
  g_assert_cmpuint (atlas_location_get_index (a), ==, atlas_location_get_index (b));
  g_assert_cmpuint (atlas_location_get_n_events (a), ==, atlas_location_get_n_events (b));
}

static void
assert_same_source (AtlasSource *a,
                    AtlasSource *b)
{
  g_assert_cmpstr (atlas_source_get_id (a), ==, atlas_source_get_id (b));
  g_assert_cmpstr (atlas_source_get_title (a), ==, atlas_source_get_title (b));
  g_assert_cmpstr (atlas_source_get_publisher (a), ==, atlas_source_get_publisher (b));
  g_assert_cmpstr (atlas_source_get_dateline (a), ==, atlas_source_get_dateline (b));
  g_assert_cmpstr (atlas_source_get_published (a), ==, atlas_source_get_published (b));
  g_assert_cmpint (atlas_source_get_published_time (a), ==, atlas_source_get_published_time (b));
  g_assert_cmpstr (atlas_source_get_url (a), ==, atlas_source_get_url (b));
  g_assert_cmpstr (atlas_source_get_text (a), ==, atlas_source_get_text (b));
  g_assert_cmpuint (atlas_source_get_text_length (a), ==, atlas_source_get_text_length (b));
  g_assert_cmpuint (atlas_source_get_n_uncited (a), ==, atlas_source_get_n_uncited (b));
  for (guint i = 0; i < atlas_source_get_n_uncited (a); i++)
    {
      const char *reason_a, *reason_b;
      gint64 offset_a, offset_b;

      g_assert_cmpstr (atlas_source_get_uncited (a, i, &reason_a, &offset_a), ==,
                       atlas_source_get_uncited (b, i, &reason_b, &offset_b));
      g_assert_cmpstr (reason_a, ==, reason_b);
      g_assert_cmpint (offset_a, ==, offset_b);
    }
}

static void
assert_same_event (AtlasEvent *a,
                   AtlasEvent *b)
{
  g_autofree char *date_a = atlas_event_format_date (a);
  g_autofree char *date_b = atlas_event_format_date (b);
  gint64 from_a, to_a, from_b, to_b;

  g_assert_cmpstr (atlas_event_get_id (a), ==, atlas_event_get_id (b));
  g_assert_cmpstr (atlas_event_get_title (a), ==, atlas_event_get_title (b));
  g_assert_cmpstr (atlas_event_get_summary (a), ==, atlas_event_get_summary (b));
  g_assert_cmpstr (atlas_event_get_category (a), ==, atlas_event_get_category (b));
  /* interned in both */
  g_assert_true (atlas_event_get_category (a) == atlas_event_get_category (b));
  g_assert_cmpint (atlas_event_get_start (a), ==, atlas_event_get_start (b));
  g_assert_cmpint (atlas_event_get_end (a), ==, atlas_event_get_end (b));
  g_assert_cmpint (atlas_event_is_undated (a), ==, atlas_event_is_undated (b));
  g_assert_cmpstr (atlas_event_get_start_text (a), ==, atlas_event_get_start_text (b));
  g_assert_cmpstr (atlas_event_get_end_text (a), ==, atlas_event_get_end_text (b));
  g_assert_cmpint (atlas_event_get_utc_offset (a), ==, atlas_event_get_utc_offset (b));
  g_assert_cmpint (atlas_event_get_precision (a), ==, atlas_event_get_precision (b));
  g_assert_cmpint (atlas_event_get_basis (a), ==, atlas_event_get_basis (b));
  g_assert_cmpstr (atlas_event_get_date_text (a), ==, atlas_event_get_date_text (b));
  atlas_event_get_span (a, &from_a, &to_a);
  atlas_event_get_span (b, &from_b, &to_b);
  g_assert_cmpint (from_a, ==, from_b);
  g_assert_cmpint (to_a, ==, to_b);
  g_assert_cmpstr (date_a, ==, date_b);

  g_assert_cmpuint (atlas_event_get_n_places (a), ==, atlas_event_get_n_places (b));
  for (guint i = 0; i < atlas_event_get_n_places (a); i++)
    {
      AtlasPlaceRole role_a, role_b;

      g_assert_cmpstr (atlas_location_get_id (atlas_event_get_place (a, i, &role_a)), ==,
                       atlas_location_get_id (atlas_event_get_place (b, i, &role_b)));
      g_assert_cmpint (role_a, ==, role_b);
    }

  g_assert_cmpuint (atlas_event_get_n_participants (a), ==, atlas_event_get_n_participants (b));
  for (guint i = 0; i < atlas_event_get_n_participants (a); i++)
    {
      AtlasParticipantRole role_a, role_b;

      g_assert_cmpstr (atlas_actor_get_id (atlas_event_get_participant (a, i, &role_a)), ==,
                       atlas_actor_get_id (atlas_event_get_participant (b, i, &role_b)));
      g_assert_cmpint (role_a, ==, role_b);
    }

  g_assert_cmpstr (ID_OR_NULL (atlas_source_get_id, atlas_event_get_source (a)), ==,
                   ID_OR_NULL (atlas_source_get_id, atlas_event_get_source (b)));
  g_assert_cmpstr (atlas_event_get_excerpt (a), ==, atlas_event_get_excerpt (b));
  g_assert_cmpint (atlas_event_get_excerpt_offset (a), ==, atlas_event_get_excerpt_offset (b));
  g_assert_cmpstr (ID_OR_NULL (atlas_actor_get_id, atlas_event_get_attributed_to (a)), ==,
                   ID_OR_NULL (atlas_actor_get_id, atlas_event_get_attributed_to (b)));

  g_assert_cmpuint (atlas_event_get_n_quotes (a), ==, atlas_event_get_n_quotes (b));
  for (guint i = 0; i < atlas_event_get_n_quotes (a); i++)
    {
      AtlasActor *speaker_a, *speaker_b;

      g_assert_cmpstr (atlas_event_get_quote (a, i, &speaker_a), ==,
                       atlas_event_get_quote (b, i, &speaker_b));
      g_assert_cmpstr (ID_OR_NULL (atlas_actor_get_id, speaker_a), ==,
                       ID_OR_NULL (atlas_actor_get_id, speaker_b));
    }

  g_assert_cmpuint (atlas_event_get_n_fatalities (a), ==, atlas_event_get_n_fatalities (b));
  for (guint i = 0; i < atlas_event_get_n_fatalities (a); i++)
    {
      const char *qualifier_a, *qualifier_b;
      gint64 count_a, count_b;

      g_assert_cmpstr (atlas_event_get_fatality (a, i, &count_a, &qualifier_a), ==,
                       atlas_event_get_fatality (b, i, &count_b, &qualifier_b));
      g_assert_cmpint (count_a, ==, count_b);
      g_assert_cmpstr (qualifier_a, ==, qualifier_b);
    }

  g_assert_cmpuint (atlas_event_get_n_properties (a), ==, atlas_event_get_n_properties (b));
  for (guint i = 0; i < atlas_event_get_n_properties (a); i++)
    {
      const char *key_a, *key_b;

      g_assert_cmpstr (atlas_event_get_property (a, i, &key_a), ==,
                       atlas_event_get_property (b, i, &key_b));
      g_assert_cmpstr (key_a, ==, key_b);
    }

  g_assert_cmpuint (atlas_event_get_index (a), ==, atlas_event_get_index (b));
}

static void
assert_same_dataset (AtlasDataset *a,
                     AtlasDataset *b)
{
  GListModel *lists_a[] = {
    atlas_dataset_get_events (a), atlas_dataset_get_actors (a),
    atlas_dataset_get_locations (a), atlas_dataset_get_sources (a),
  };
  GListModel *lists_b[] = {
    atlas_dataset_get_events (b), atlas_dataset_get_actors (b),
    atlas_dataset_get_locations (b), atlas_dataset_get_sources (b),
  };
  gint64 from_a, to_a, from_b, to_b;

  g_assert_cmpstr (atlas_dataset_get_title (a), ==, atlas_dataset_get_title (b));
  g_assert_cmpstr (atlas_dataset_get_description (a), ==, atlas_dataset_get_description (b));
  g_assert_cmpstr (atlas_dataset_get_language (a), ==, atlas_dataset_get_language (b));
  g_assert_cmpint (atlas_dataset_get_time_range (a, &from_a, &to_a), ==,
                   atlas_dataset_get_time_range (b, &from_b, &to_b));
  g_assert_cmpint (from_a, ==, from_b);
  g_assert_cmpint (to_a, ==, to_b);

  for (guint l = 0; l < G_N_ELEMENTS (lists_a); l++)
    {
      guint n = g_list_model_get_n_items (lists_a[l]);

      g_assert_cmpuint (n, >, 0);
      g_assert_cmpuint (n, ==, g_list_model_get_n_items (lists_b[l]));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) item_a = g_list_model_get_item (lists_a[l], i);
          g_autoptr(GObject) item_b = g_list_model_get_item (lists_b[l], i);

          if (ATLAS_IS_EVENT (item_a))
            assert_same_event (ATLAS_EVENT (item_a), ATLAS_EVENT (item_b));
          else if (ATLAS_IS_ACTOR (item_a))
            assert_same_actor (ATLAS_ACTOR (item_a), ATLAS_ACTOR (item_b));
          else if (ATLAS_IS_LOCATION (item_a))
            assert_same_location (ATLAS_LOCATION (item_a), ATLAS_LOCATION (item_b));
          else
            assert_same_source (ATLAS_SOURCE (item_a), ATLAS_SOURCE (item_b));
        }
    }

  for (guint e = 0; e < atlas_dataset_get_n_events (a); e++)
    {
      AtlasEvent *event = atlas_dataset_get_event (b, e);

      g_assert_true (atlas_dataset_lookup_event (b, atlas_event_get_id (event)) == event);
    }
}

/* ------------------------------------------------------------------------ */
/* Files                                                                    */

/* An event of every shape the cache must carry: undated, ranges, quotes,
 * fatalities with a qualifier, free properties, attributions */
static const char extra_events[] =
  "    {\"id\": \"cache-undated\", \"title\": \"Undated\", \"undated\": true,\n"
  "     \"date_text\": \"some day\", \"properties\": {\"admin1\": \"Aleppo\", \"n\": 3,\n"
  "     \"flag\": true}},\n"
  "    {\"id\": \"cache-range\", \"title\": \"Range\", \"summary\": \"Sümmary\",\n"
  "     \"start\": \"2016-12-02T10:00:00+02:00\", \"end\": \"2016-12-04\",\n"
  "     \"date_basis\": \"approximate\", \"category\": \"cache-word\",\n"
  "     \"fatalities\": {\"civilians\": {\"count\": 12, \"qualifier\": \"at least\"},\n"
  "                    \"fighters\": 3},\n"
  "     \"properties\": {\"source_scale\": \"National\"}},\n";

/* The bundled dataset with the events above, padded with white space to
 * @size bytes (at least as many as it has) */
static char *
write_dataset (const char *name,
               gsize       size)
{
  g_autofree char *bundled = g_build_filename (TEST_DATADIR, "aleppo-2016-12-05.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);
  const char *events;

  g_assert_true (g_file_get_contents (bundled, &contents, NULL, &error));
  g_assert_no_error (error);

  events = strstr (contents, "\"events\": [");
  g_assert_nonnull (events);
  text = g_string_new_len (contents, events - contents + strlen ("\"events\": ["));
  g_string_append_c (text, '\n');
  g_string_append (text, extra_events);
  g_string_append (text, events + strlen ("\"events\": ["));
  while (text->len < size)
    g_string_append_c (text, '\n');

  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, &error));
  g_assert_no_error (error);
  return path;
}

static AtlasDataset *
load_or_fail (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

/* the cache of @path as the loader would use it, or NULL */
static AtlasDataset *
load_cache (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  struct stat st;

  g_assert_nonnull (mapped);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return atlas_cache_load (file, path, &st, g_mapped_file_get_contents (mapped),
                           g_mapped_file_get_length (mapped), path, NULL);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
write_bytes (const char *path,
             const void *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, data, (gssize) length, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */

/* A loaded dataset written to the cache reads back equal, getter by getter;
 * the cache is smaller than the file. */
static void
test_round_trip (void)
{
  g_autofree char *path = write_dataset ("round-trip.json", 0);
  g_autofree char *cache_path = atlas_cache_get_path (path);
  g_autoptr(AtlasDataset) loaded = load_or_fail (path);
  g_autoptr(AtlasDataset) cached = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  struct stat st, cache_st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true (atlas_cache_store (loaded, path, &st, g_mapped_file_get_contents (mapped),
                                    g_mapped_file_get_length (mapped)));
  g_assert_cmpint (g_stat (cache_path, &cache_st), ==, 0);
  g_assert_cmpint (cache_st.st_size, <, st.st_size);

  cached = load_cache (path);
  g_assert_nonnull (cached);
  g_assert_cmpuint (atlas_dataset_get_n_events (cached), ==, 33);
  assert_same_dataset (loaded, cached);
  g_assert_cmpstr (atlas_event_get_property (atlas_dataset_lookup_event (cached, "cache-undated"),
                                             2, NULL), ==, "true");
}

/* The loader writes the cache of a file of 5 MB or more, and reads it the
 * second time; a smaller file gets none. */
static void
test_loader_uses_cache (void)
{
  g_autofree char *big = write_dataset ("big.json", ATLAS_CACHE_MIN_SIZE);
  g_autofree char *small = write_dataset ("small.json", ATLAS_CACHE_MIN_SIZE - 4096);
  g_autofree char *big_cache = atlas_cache_get_path (big);
  g_autofree char *small_cache = atlas_cache_get_path (small);
  g_autoptr(AtlasDataset) first = load_or_fail (big);
  g_autoptr(AtlasDataset) second = NULL;
  g_autoptr(AtlasDataset) small_dataset = load_or_fail (small);
  struct stat before, after;

  g_assert_true (g_file_test (big_cache, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (small_cache, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (big_cache, &before), ==, 0);

  second = load_or_fail (big);
  assert_same_dataset (first, second);
  /* read, not written again */
  g_assert_cmpint (g_stat (big_cache, &after), ==, 0);
  g_assert_cmpint (before.st_ino, ==, after.st_ino);
  g_assert_cmpint (before.st_mtim.tv_nsec, ==, after.st_mtim.tv_nsec);

  /* ATLAS_NO_CACHE=1 neither reads nor writes it */
  g_assert_cmpint (g_unlink (big_cache), ==, 0);
  g_setenv ("ATLAS_NO_CACHE", "1", TRUE);
  g_clear_object (&second);
  second = load_or_fail (big);
  g_assert_false (g_file_test (big_cache, G_FILE_TEST_EXISTS));
  g_setenv ("ATLAS_NO_CACHE", "0", TRUE);
}

typedef void (*Damage) (const char *cache_path,
                        const char *data_path);

/* one byte of the events flipped */
static void
flip_byte (const char *cache_path,
           const char *data_path)
{
  g_autoptr(GBytes) bytes = read_bytes (cache_path);
  gsize length;
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, &length), g_bytes_get_size (bytes));

  data[length - 40] ^= 0x04;
  write_bytes (cache_path, data, length);
}

static void
truncate_half (const char *cache_path,
               const char *data_path)
{
  g_autoptr(GBytes) bytes = read_bytes (cache_path);

  write_bytes (cache_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) / 2);
}

/* the version field (after the 8-byte magic) of a future format */
static void
bump_version (const char *cache_path,
              const char *data_path)
{
  g_autoptr(GBytes) bytes = read_bytes (cache_path);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  guint32 version;

  memcpy (&version, data + 8, 4);
  g_assert_cmpuint (version, ==, 2);
  version = 3;
  memcpy (data + 8, &version, 4);
  write_bytes (cache_path, data, g_bytes_get_size (bytes));
}

/* A lie in the chunk table at the end of the payload, with the payload's
 * checksum made to match again: only the decoder's checks can catch it.
 * @at is counted back from the end of the file, @delta added there. */
static void
lie_in_table (const char *cache_path,
              gsize       at,
              gint64      delta)
{
  g_autoptr(GBytes) bytes = read_bytes (cache_path);
  gsize length = g_bytes_get_size (bytes);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), length);
  guint64 value, hash;

  memcpy (&value, data + length - at, 8);
  value += (guint64) delta;
  memcpy (data + length - at, &value, 8);
  hash = atlas_cache_hash (data + 64, length - 64);
  memcpy (data + 48, &hash, 8);
  write_bytes (cache_path, data, length);
}

/* the offset of the table itself (the last 8 bytes) moved back by one */
static void
move_table (const char *cache_path,
            const char *data_path)
{
  lie_in_table (cache_path, 8, -1);
}

/* the first chunk said to start a byte later than the first event (a table of
 * one chunk: u32 1, u64 its offset, u64 the table's offset) */
static void
move_chunk (const char *cache_path,
            const char *data_path)
{
  lie_in_table (cache_path, 16, 1);
}

/* the file touched: a new modification time */
static void
touch_file (const char *cache_path,
            const char *data_path)
{
  struct timespec times[2] = { { 0, UTIME_OMIT }, { 1700000000, 0 } };

  g_assert_cmpint (utimensat (AT_FDCWD, data_path, times, 0), ==, 0);
}

/* one byte of the file changed with its size and modification time kept */
static void
edit_in_place (const char *cache_path,
               const char *data_path)
{
  g_autoptr(GBytes) bytes = read_bytes (data_path);
  g_autofree char *data = g_memdup2 (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  char *title = strstr (data, "\"title\": \"Undated\"");
  struct stat st;
  struct timespec times[2];

  g_assert_cmpint (g_stat (data_path, &st), ==, 0);
  g_assert_nonnull (title);
  title[strlen ("\"title\": \"")] = 'u';
  write_bytes (data_path, data, g_bytes_get_size (bytes));
  times[0] = st.st_atim;
  times[1] = st.st_mtim;
  g_assert_cmpint (utimensat (AT_FDCWD, data_path, times, 0), ==, 0);
}

/* After the damage, the cache is ignored: the next load reads the JSON (and
 * gives what the file says) and writes a cache that is then used. */
static void
test_damaged (gconstpointer data)
{
  Damage damage = (Damage) data;
  g_autofree char *path = write_dataset ("damaged.json", ATLAS_CACHE_MIN_SIZE);
  g_autofree char *cache_path = atlas_cache_get_path (path);
  g_autoptr(AtlasDataset) first = NULL;
  g_autoptr(AtlasDataset) reloaded = NULL;
  g_autoptr(AtlasDataset) fresh = NULL;
  g_autoptr(AtlasDataset) cached = NULL;

  g_unlink (cache_path);
  first = load_or_fail (path);
  g_assert_true (g_file_test (cache_path, G_FILE_TEST_IS_REGULAR));

  damage (cache_path, path);
  g_assert_null (load_cache (path));

  reloaded = load_or_fail (path);
  g_setenv ("ATLAS_NO_CACHE", "1", TRUE);
  fresh = load_or_fail (path);
  g_setenv ("ATLAS_NO_CACHE", "0", TRUE);
  assert_same_dataset (fresh, reloaded);

  /* rebuilt: valid again */
  cached = load_cache (path);
  g_assert_nonnull (cached);
  assert_same_dataset (fresh, cached);
}

/* a stored cache of another file (a hash collision of names, or a copy) is not
 * used: it names its own path */
static void
test_other_path (void)
{
  g_autofree char *path = write_dataset ("one.json", ATLAS_CACHE_MIN_SIZE);
  g_autofree char *other = write_dataset ("other.json", ATLAS_CACHE_MIN_SIZE);
  g_autofree char *cache_path = atlas_cache_get_path (path);
  g_autofree char *other_cache = atlas_cache_get_path (other);
  g_autoptr(AtlasDataset) dataset = load_or_fail (path);
  g_autoptr(GBytes) bytes = NULL;
  struct timespec times[2];
  struct stat st;

  /* the same bytes and times: only the path differs */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  times[0] = st.st_atim;
  times[1] = st.st_mtim;
  g_assert_cmpint (utimensat (AT_FDCWD, other, times, 0), ==, 0);

  bytes = read_bytes (cache_path);
  write_bytes (other_cache, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_null (load_cache (other));
}

/* More events than one chunk holds (16,384), so that several threads decode
 * them: the same model, in the same order */
static void
test_round_trip_chunks (void)
{
  g_autofree char *bundled = write_dataset ("chunks-base.json", 0);
  g_autofree char *path = g_build_filename (tmp_dir, "chunks.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) fresh = NULL;
  g_autoptr(AtlasDataset) cached = NULL;
  g_autoptr(AtlasDataset) loaded = NULL;
  const char *events;

  g_assert_true (g_file_get_contents (bundled, &contents, NULL, &error));
  g_assert_no_error (error);
  events = strstr (contents, "\"events\": [");
  g_assert_nonnull (events);
  text = g_string_new_len (contents, events - contents + strlen ("\"events\": ["));
  for (guint i = 0; i < 40000; i++)
    g_string_append_printf (text, "\n    {\"id\": \"chunk-%05u\", \"title\": \"T%u\", "
                            "\"start\": \"2016-%02u-%02u\", \"places\": "
                            "[{\"location\": \"aleppo\"}]},",
                            i, i % 7, 1 + i % 12, 1 + i % 28);
  g_string_append (text, events + strlen ("\"events\": ["));
  while (text->len < ATLAS_CACHE_MIN_SIZE)
    g_string_append_c (text, '\n');
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, &error));
  g_assert_no_error (error);

  g_setenv ("ATLAS_NO_CACHE", "1", TRUE);
  fresh = load_or_fail (path);
  g_setenv ("ATLAS_NO_CACHE", "0", TRUE);
  g_assert_cmpuint (atlas_dataset_get_n_events (fresh), ==, 40033);

  loaded = load_or_fail (path);   /* writes the cache */
  cached = load_cache (path);
  g_assert_nonnull (cached);
  assert_same_dataset (fresh, cached);
}

/* A big file without events: a chunk table of no chunks */
static void
test_round_trip_no_events (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "no-events.json", NULL);
  g_autofree char *cache_path = atlas_cache_get_path (path);
  g_autoptr(GString) text = g_string_new ("{\"format\": \"event-atlas\", \"version\": 1,\n"
                                          " \"title\": \"Nothing happened\",\n"
                                          " \"actors\": [], \"locations\": [],\n"
                                          " \"events\": []}\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) loaded = NULL;
  g_autoptr(AtlasDataset) cached = NULL;

  while (text->len < ATLAS_CACHE_MIN_SIZE)
    g_string_append_c (text, '\n');
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, &error));
  g_assert_no_error (error);

  loaded = load_or_fail (path);   /* writes the cache */
  g_assert_true (g_file_test (cache_path, G_FILE_TEST_IS_REGULAR));
  cached = load_cache (path);
  g_assert_nonnull (cached);
  g_assert_cmpuint (atlas_dataset_get_n_events (cached), ==, 0);
  g_assert_cmpstr (atlas_dataset_get_title (cached), ==, "Nothing happened");
}

/* the hash: the same bytes the same value, any change another */
static void
test_hash (void)
{
  char text[100];
  guint64 h;

  for (guint i = 0; i < sizeof text; i++)
    text[i] = (char) ('a' + i % 26);

  h = atlas_cache_hash (text, sizeof text);
  g_assert_cmpuint (h, ==, atlas_cache_hash (text, sizeof text));
  for (guint i = 0; i < sizeof text; i++)
    {
      text[i] ^= 1;
      g_assert_cmpuint (atlas_cache_hash (text, sizeof text), !=, h);
      text[i] ^= 1;
    }
  g_assert_cmpuint (atlas_cache_hash (text, sizeof text - 1), !=, h);
  g_assert_cmpuint (atlas_cache_hash (text, 0), !=, atlas_cache_hash (text, 1));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_home = NULL;
  int status;

  /* before anything asks GLib for the cache directory */
  tmp_dir = g_dir_make_tmp ("atlas-test-cache-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  cache_home = g_build_filename (tmp_dir, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_setenv ("ATLAS_NO_CACHE", "0", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cache/hash", test_hash);
  g_test_add_func ("/cache/round-trip", test_round_trip);
  g_test_add_func ("/cache/round-trip/chunks", test_round_trip_chunks);
  g_test_add_func ("/cache/round-trip/no-events", test_round_trip_no_events);
  g_test_add_func ("/cache/loader", test_loader_uses_cache);
  g_test_add_data_func ("/cache/ignored/flipped-byte", flip_byte, test_damaged);
  g_test_add_data_func ("/cache/ignored/truncated", truncate_half, test_damaged);
  g_test_add_data_func ("/cache/ignored/wrong-version", bump_version, test_damaged);
  g_test_add_data_func ("/cache/ignored/table-moved", move_table, test_damaged);
  g_test_add_data_func ("/cache/ignored/chunk-moved", move_chunk, test_damaged);
  g_test_add_data_func ("/cache/ignored/stale-mtime", touch_file, test_damaged);
  g_test_add_data_func ("/cache/ignored/edited-in-place", edit_in_place, test_damaged);
  g_test_add_func ("/cache/ignored/other-path", test_other_path);

  status = g_test_run ();

  {
    const char *rm_argv[] = { "rm", "-rf", tmp_dir, NULL };

    g_spawn_sync (NULL, (char **) rm_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                  NULL, NULL);
  }
  g_free (tmp_dir);
  return status;
}
