/* atlas-sentences.c — a source text cut into sentences, and which of them events cite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <string.h>

#include "atlas-dataset.h"
#include "atlas-event.h"
#include "atlas-sentences.h"
#include "atlas-source.h"

#define LEFT_QUOTE  0x201C  /* “ */
#define RIGHT_QUOTE 0x201D  /* ” */

/* Words that a full stop follows without ending the sentence, lower case and
 * without their dot.  Words that often end sentences ("etc", "Inc") are left out. */
static const char * const abbreviations[] = {
  "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "col", "lt", "maj", "sgt",
  "capt", "cmdr", "adm", "gov", "sen", "rep", "pres", "rev", "hon", "mt", "ft", "no",
  "nos", "vs", "approx", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
  "sept", "oct", "nov", "dec",
};

static gboolean
is_terminator (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x2026 /* … */
         || c == 0x061F /* Arabic ? */ || c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}

/* full-width terminators end a sentence without a space after them */
static gboolean
is_wide_terminator (gunichar c)
{
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}

static gboolean
is_closer (gunichar c)
{
  return c == RIGHT_QUOTE || c == 0x2019 /* ’ */ || c == '"' || c == '\'' || c == ')'
         || c == ']' || c == 0x00BB /* » */;
}

static gboolean
is_opener (gunichar c)
{
  return c == LEFT_QUOTE || c == 0x2018 /* ‘ */ || c == '"' || c == '\'' || c == '('
         || c == '[' || c == 0x00AB /* « */;
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0;
}

/* TRUE when a “ at @i is closed by a ” before the end of its line */
static gboolean
quote_closes_on_line (const gunichar *u,
                      gint64          n,
                      gint64          i)
{
  for (gint64 k = i + 1; k < n && u[k] != '\n'; k++)
    {
      if (u[k] == RIGHT_QUOTE)
        return TRUE;
      if (u[k] == LEFT_QUOTE)
        return FALSE;
    }

  return FALSE;
}

/* TRUE when the word before the full stop at @dot is an abbreviation, an
 * initial or a dotted acronym */
static gboolean
is_abbreviation (const gunichar *u,
                 gint64          line_start,
                 gint64          dot)
{
  gint64 word = dot;
  char lower[16];
  gsize len = 0;

  while (word > line_start && !is_space (u[word - 1]) && !is_opener (u[word - 1]))
    word--;

  if (word == dot)
    return FALSE;

  /* "U.S", "e.g": a dot inside the word */
  for (gint64 k = word; k < dot; k++)
    if (u[k] == '.')
      return TRUE;

  /* an initial: "John F. Kennedy" */
  if (dot - word == 1 && g_unichar_isupper (u[word]))
    return TRUE;

  if (dot - word >= (gint64) sizeof lower)
    return FALSE;

  for (gint64 k = word; k < dot; k++)
    {
      gunichar c = g_unichar_tolower (u[k]);

      if (c > 0x7f || !g_ascii_isalpha ((char) c))
        return FALSE;
      lower[len++] = (char) c;
    }
  lower[len] = '\0';

  for (guint a = 0; a < G_N_ELEMENTS (abbreviations); a++)
    if (strcmp (lower, abbreviations[a]) == 0)
      return TRUE;

  return FALSE;
}

/* Whether the terminator run [@term, @after) (closers included) ends the
 * sentence that began at @start. */
static gboolean
ends_sentence (const gunichar *u,
               gint64          n,
               gint64          start,
               gint64          term,
               gint64          after,
               guint           depth)
{
  gint64 next;

  if (depth > 0)
    return FALSE;
  if (after >= n)
    return TRUE;
  if (is_wide_terminator (u[after - 1]) || is_wide_terminator (u[term]))
    return TRUE;
  if (!is_space (u[after]))
    return FALSE;

  for (next = after; next < n && is_space (u[next]); next++)
    if (u[next] == '\n')
      return TRUE;
  if (next >= n)
    return TRUE;

  /* a single full stop right after the word */
  if (u[term] == '.' && (after == term + 1 || !is_terminator (u[term + 1]))
      && is_abbreviation (u, start, term))
    return FALSE;

  /* the next sentence starts with a capital, a digit, an opening quote or a
   * letter of a script without case; not with a small letter or a comma */
  if (g_unichar_islower (u[next]))
    return FALSE;
  if (u[next] == ',' || u[next] == ';' || u[next] == ':' || u[next] == ')')
    return FALSE;

  return TRUE;
}

static void
add_sentence (GArray         *sentences,
              const gunichar *u,
              gint64          start,
              gint64          end)
{
  AtlasSentence sentence = { 0, };

  while (end > start && is_space (u[end - 1]))
    end--;
  if (end <= start)
    return;

  sentence.start = start;
  sentence.end = end;
  g_array_append_val (sentences, sentence);
}

GArray *
atlas_sentences_split (const char *text)
{
  GArray *sentences = g_array_new (FALSE, FALSE, sizeof (AtlasSentence));
  g_autofree gunichar *u = NULL;
  glong n_chars = 0;
  gint64 n, i = 0;

  if (text == NULL)
    return sentences;

  u = g_utf8_to_ucs4_fast (text, -1, &n_chars);
  n = n_chars;

  while (i < n)
    {
      gint64 start, j;
      guint depth = 0;

      while (i < n && is_space (u[i]))
        i++;
      if (i >= n)
        break;

      start = i;
      for (j = start; j < n; j++)
        {
          gunichar c = u[j];

          if (c == '\n')
            break;

          if (c == LEFT_QUOTE && quote_closes_on_line (u, n, j))
            depth++;
          else if (c == RIGHT_QUOTE && depth > 0)
            depth--;
          else if (is_terminator (c))
            {
              gint64 k = j;

              while (k < n && is_terminator (u[k]))
                k++;
              while (k < n && is_closer (u[k]))
                {
                  if (u[k] == RIGHT_QUOTE && depth > 0)
                    depth--;
                  k++;
                }

              if (ends_sentence (u, n, start, j, k, depth))
                {
                  j = k;
                  break;
                }
              j = k - 1;
            }
        }

      add_sentence (sentences, u, start, MIN (j, n));
      i = j;
    }

  return sentences;
}

/* first sentence whose end is after @offset */
static guint
first_ending_after (GArray *sentences,
                    gint64  offset)
{
  guint lo = 0, hi = sentences->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (sentences, AtlasSentence, mid).end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Marks every sentence that [@from, @to) overlaps: as cited once more, or as
 * deliberately uncited. */
static void
mark_range (GArray   *sentences,
            gint64    from,
            gint64    to,
            gboolean  uncited)
{
  for (guint i = first_ending_after (sentences, from); i < sentences->len; i++)
    {
      AtlasSentence *sentence = &g_array_index (sentences, AtlasSentence, i);

      if (sentence->start >= to)
        break;
      if (uncited)
        sentence->uncited = TRUE;
      else
        sentence->n_citations++;
    }
}

void
atlas_sentences_cite (GArray *sentences,
                      gint64  from,
                      gint64  to)
{
  g_return_if_fail (sentences != NULL);

  mark_range (sentences, from, to, FALSE);
}

guint
atlas_sentences_count_cited (GArray *sentences)
{
  guint count = 0;

  g_return_val_if_fail (sentences != NULL, 0);

  for (guint i = 0; i < sentences->len; i++)
    if (g_array_index (sentences, AtlasSentence, i).n_citations > 0)
      count++;

  return count;
}

guint
atlas_sentences_count_covered (GArray *sentences)
{
  guint count = 0;

  g_return_val_if_fail (sentences != NULL, 0);

  for (guint i = 0; i < sentences->len; i++)
    {
      const AtlasSentence *sentence = &g_array_index (sentences, AtlasSentence, i);

      if (sentence->n_citations > 0 || sentence->uncited)
        count++;
    }

  return count;
}

gint
atlas_sentences_find (GArray *sentences,
                      gint64  offset)
{
  guint i;

  g_return_val_if_fail (sentences != NULL, -1);

  i = first_ending_after (sentences, offset);
  if (i < sentences->len && g_array_index (sentences, AtlasSentence, i).start <= offset)
    return (gint) i;

  return -1;
}

GArray *
atlas_sentences_new_for_source (AtlasDataset *dataset,
                                AtlasSource  *source)
{
  GArray *sentences;
  guint n_events;
  gint64 length;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (ATLAS_IS_SOURCE (source), NULL);

  sentences = atlas_sentences_split (atlas_source_get_text (source));
  if (sentences->len == 0)
    return sentences;

  length = (gint64) atlas_source_get_text_length (source);
  n_events = atlas_dataset_get_n_events (dataset);
  for (guint e = 0; e < n_events; e++)
    {
      AtlasEvent *event = atlas_dataset_get_event (dataset, e);
      const char *excerpt = atlas_event_get_excerpt (event);
      gint64 offset = atlas_event_get_excerpt_offset (event);

      if (atlas_event_get_source (event) != source || excerpt == NULL || offset < 0
          || offset >= length)
        continue;

      atlas_sentences_cite (sentences, offset, offset + g_utf8_strlen (excerpt, -1));
    }

  for (guint i = 0; i < atlas_source_get_n_uncited (source); i++)
    {
      gint64 offset;
      const char *passage = atlas_source_get_uncited (source, i, NULL, &offset);

      mark_range (sentences, offset, offset + g_utf8_strlen (passage, -1), TRUE);
    }

  return sentences;
}
