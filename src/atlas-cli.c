/* atlas-cli.c — what the command line does without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "atlas-cli.h"
#include "atlas-model.h"
#include "atlas-sentences.h"

/* The loader's message is one complete line per problem, each starting with
 * the file's path; name the file as the user typed it instead. */
static void
print_problems (FILE       *err,
                GFile      *file,
                const char *given,
                const char *message)
{
  g_autofree char *path = g_file_get_path (file);
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (path != NULL && g_str_has_prefix (lines[i], path))
        fprintf (err, "%s%s\n", given, lines[i] + strlen (path));
      else
        fprintf (err, "%s\n", lines[i]);
    }
}

static void
print_coverage (FILE         *out,
                const char   *given,
                AtlasDataset *dataset)
{
  GListModel *sources = atlas_dataset_get_sources (dataset);

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(AtlasSource) source = g_list_model_get_item (sources, i);
      g_autoptr(GArray) sentences = NULL;
      guint cited, covered;

      if (atlas_source_get_text (source) == NULL)
        continue;

      sentences = atlas_sentences_new_for_source (dataset, source);
      if (sentences->len == 0)
        continue;

      cited = atlas_sentences_count_cited (sentences);
      covered = atlas_sentences_count_covered (sentences);
      fprintf (out,
               /* Translators: FILE: source ID: 100.0% of 31 sentences covered
                * (29 cited by events, 2 left uncited on purpose) */
               _("%s: source %s: %.1f%% of %u sentences covered (%u cited by events, "
                 "%u left uncited on purpose)\n"),
               given, atlas_source_get_id (source),
               100.0 * covered / sentences->len, sentences->len,
               cited, covered - cited);
    }
}

int
atlas_cli_validate (const char * const *paths,
                    gboolean            coverage,
                    FILE               *out,
                    FILE               *err)
{
  int status = 0;

  if (paths == NULL || paths[0] == NULL)
    {
      fprintf (err, "%s\n", _("--validate needs at least one FILE"));
      return 2;
    }

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (paths[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(AtlasDataset) dataset = NULL;

      dataset = atlas_dataset_new_from_file (file, NULL, &error);
      if (dataset == NULL)
        {
          print_problems (err, file, paths[i], error->message);
          status = 1;
          continue;
        }

      {
        guint n_events = g_list_model_get_n_items (atlas_dataset_get_events (dataset));
        guint n_actors = g_list_model_get_n_items (atlas_dataset_get_actors (dataset));
        guint n_locations = g_list_model_get_n_items (atlas_dataset_get_locations (dataset));
        g_autofree char *events = g_strdup_printf (ngettext ("%u event", "%u events", n_events),
                                                   n_events);
        g_autofree char *actors = g_strdup_printf (ngettext ("%u actor", "%u actors", n_actors),
                                                   n_actors);
        g_autofree char *locations = g_strdup_printf (ngettext ("%u location", "%u locations",
                                                                n_locations),
                                                      n_locations);

        /* Translators: FILE: OK (12 events, 5 actors, 3 locations); the three counts
         * are translated on their own */
        fprintf (out, _("%s: OK (%s, %s, %s)\n"), paths[i], events, actors, locations);
      }

      if (coverage)
        print_coverage (out, paths[i], dataset);
    }

  fflush (out);
  fflush (err);

  return status;
}
