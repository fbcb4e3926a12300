/* test-sentences.c — the sentence splitter and the count of cited sentences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "atlas-model.h"
#include "atlas-sentences.h"

/* the sentences of @text joined with " | " */
static char *
split_joined (const char *text)
{
  g_autoptr(GArray) sentences = atlas_sentences_split (text);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < sentences->len; i++)
    {
      AtlasSentence *sentence = &g_array_index (sentences, AtlasSentence, i);
      const char *from = g_utf8_offset_to_pointer (text, sentence->start);
      const char *to = g_utf8_offset_to_pointer (text, sentence->end);

      g_assert_cmpint (sentence->start, <, sentence->end);
      g_assert_cmpuint (sentence->n_citations, ==, 0);
      if (i > 0)
        g_string_append (joined, " | ");
      g_string_append_len (joined, from, to - from);
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static void
assert_split (const char *text,
              const char *expected)
{
  g_autofree char *got = split_joined (text);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_basic (void)
{
  g_autoptr(GArray) sentences = atlas_sentences_split ("One.  Two!\tThree?");

  assert_split ("One.  Two!\tThree?", "One. | Two! | Three?");
  g_assert_cmpuint (sentences->len, ==, 3);
  g_assert_cmpint (g_array_index (sentences, AtlasSentence, 1).start, ==, 6);
  g_assert_cmpint (g_array_index (sentences, AtlasSentence, 1).end, ==, 10);

  assert_split ("No final stop", "No final stop");
  assert_split ("Wait... What?! Fine.", "Wait... | What?! | Fine.");
  assert_split ("It ended… Then more.", "It ended… | Then more.");
  /* a small letter after the stop: not a new sentence */
  assert_split ("He said no. and left.", "He said no. and left.");
  assert_split ("", "");
  assert_split (" \n\n  ", "");

  g_autoptr(GArray) none = atlas_sentences_split (NULL);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_abbreviations (void)
{
  assert_split ("Mr. Smith met Dr. Jones. They spoke.", "Mr. Smith met Dr. Jones. | They spoke.");
  assert_split ("The U.S. Army left. Then it rained.", "The U.S. Army left. | Then it rained.");
  assert_split ("John F. Kennedy spoke. Crowds cheered.",
                "John F. Kennedy spoke. | Crowds cheered.");
  assert_split ("Fruit, e.g. Apples, is good. Yes.", "Fruit, e.g. Apples, is good. | Yes.");
  assert_split ("It was signed on Dec. 5 in Geneva.", "It was signed on Dec. 5 in Geneva.");
  assert_split ("Gen. Ivanov arrived. He left.", "Gen. Ivanov arrived. | He left.");
  /* a word that merely looks short is not an abbreviation */
  assert_split ("He went to Rome. Kerry too.", "He went to Rome. | Kerry too.");
}

static void
test_decimals (void)
{
  assert_split ("Prices rose 3.5 percent. Then fell.", "Prices rose 3.5 percent. | Then fell.");
  assert_split ("It cost $1,200.50 in 2016. 320 died.", "It cost $1,200.50 in 2016. | 320 died.");
  assert_split ("Version 1.0.3 shipped.", "Version 1.0.3 shipped.");
}

static void
test_quotes (void)
{
  /* closing quotes belong to the sentence they close */
  assert_split ("“Stop.” She left.", "“Stop.” | She left.");
  assert_split ("\"Done.\" Next one.", "\"Done.\" | Next one.");
  assert_split ("(See above.) Then go.", "(See above.) | Then go.");
  /* a quotation that goes on is not cut inside */
  assert_split ("“Go now. Leave,” he said. Then silence.",
                "“Go now. Leave,” he said. | Then silence.");
  assert_split ("He asked “why?” and left.", "He asked “why?” and left.");
  /* an opening quote that never closes on its line does not swallow the line */
  assert_split ("“Unclosed. Still split.\nNext.", "“Unclosed. | Still split. | Next.");
  /* a quotation after a sentence opens a new one */
  assert_split ("He said it. “Then go.”", "He said it. | “Then go.”");
}

static void
test_lines (void)
{
  assert_split ("Smoke rises. Reuters\n\nNext paragraph",
                "Smoke rises. | Reuters | Next paragraph");
  assert_split ("Title without stop\nBody.", "Title without stop | Body.");
}

static void
test_offsets_in_characters (void)
{
  const char *text = "Ça va. “Très” bien.";
  g_autoptr(GArray) sentences = atlas_sentences_split (text);

  g_assert_cmpuint (sentences->len, ==, 2);
  g_assert_cmpint (g_array_index (sentences, AtlasSentence, 0).start, ==, 0);
  g_assert_cmpint (g_array_index (sentences, AtlasSentence, 0).end, ==, 6);
  g_assert_cmpint (g_array_index (sentences, AtlasSentence, 1).start, ==, 7);
  g_assert_cmpint (g_array_index (sentences, AtlasSentence, 1).end, ==, 19);
  g_assert_cmpint (g_utf8_strlen (text, -1), ==, 19);
}

static void
test_cite_and_find (void)
{
  /* [0,4) [5,9) [10,16) */
  g_autoptr(GArray) sentences = atlas_sentences_split ("One. Two. Three.");

  g_assert_cmpuint (sentences->len, ==, 3);
  g_assert_cmpint (atlas_sentences_find (sentences, 0), ==, 0);
  g_assert_cmpint (atlas_sentences_find (sentences, 3), ==, 0);
  g_assert_cmpint (atlas_sentences_find (sentences, 4), ==, -1);
  g_assert_cmpint (atlas_sentences_find (sentences, 5), ==, 1);
  g_assert_cmpint (atlas_sentences_find (sentences, 15), ==, 2);
  g_assert_cmpint (atlas_sentences_find (sentences, 16), ==, -1);

  g_assert_cmpuint (atlas_sentences_count_cited (sentences), ==, 0);
  atlas_sentences_cite (sentences, 5, 9);
  atlas_sentences_cite (sentences, 5, 9);
  g_assert_cmpuint (g_array_index (sentences, AtlasSentence, 0).n_citations, ==, 0);
  g_assert_cmpuint (g_array_index (sentences, AtlasSentence, 1).n_citations, ==, 2);
  g_assert_cmpuint (atlas_sentences_count_cited (sentences), ==, 1);

  /* a range over the space between two sentences cites both */
  atlas_sentences_cite (sentences, 3, 11);
  g_assert_cmpuint (atlas_sentences_count_cited (sentences), ==, 3);
}

static void
test_article (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (TEST_DATADIR "/aleppo-2016-12-05.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasSource) source = NULL;
  g_autoptr(GArray) sentences = NULL;
  const char *text;
  gint64 nurse_offset;
  gint index;

  dataset = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  source = g_list_model_get_item (atlas_dataset_get_sources (dataset), 0);
  text = atlas_source_get_text (source);
  g_assert_nonnull (text);

  sentences = atlas_sentences_new_for_source (dataset, source);
  g_assert_cmpuint (sentences->len, ==, 31);

  /* the photo caption and its credit */
  {
    AtlasSentence *caption = &g_array_index (sentences, AtlasSentence, 1);
    AtlasSentence *credit = &g_array_index (sentences, AtlasSentence, 2);

    g_assert_cmpint (caption->start, ==, 193);
    g_assert_cmpint (caption->end, ==, 259);
    g_assert_cmpint (credit->start, ==, 260);
    g_assert_cmpint (credit->end, ==, 267);
    g_assert_cmpuint (caption->n_citations, ==, 0);
    g_assert_cmpuint (credit->n_citations, ==, 0);
  }

  /* Hamawi's two quotations: “…,” he said. | “The revolution will continue until victory.” */
  {
    AtlasSentence *first = &g_array_index (sentences, AtlasSentence, 16);
    AtlasSentence *second = &g_array_index (sentences, AtlasSentence, 17);
    g_autofree char *second_text = g_utf8_substring (text, second->start, second->end);

    g_assert_cmpint (first->start, ==, 2358);
    g_assert_cmpint (first->end, ==, 2468);
    g_assert_cmpstr (second_text, ==, "“The revolution will continue until victory.”");
  }

  /* the nurse sentence is cited by the nurse event */
  nurse_offset = atlas_event_get_excerpt_offset (atlas_dataset_lookup_event (dataset,
                                                                             "nurse-killed-furqan"));
  index = atlas_sentences_find (sentences, nurse_offset);
  g_assert_cmpint (index, ==, 21);
  g_assert_cmpuint (g_array_index (sentences, AtlasSentence, index).n_citations, ==, 1);

  /* every sentence is cited by some event but the photo caption and its credit
   * (the dataset lists both as deliberately uncited) */
  g_assert_cmpuint (atlas_sentences_count_cited (sentences), ==, 29);
  g_assert_cmpuint (g_array_index (sentences, AtlasSentence, 1).n_citations, ==, 0);
  g_assert_cmpuint (g_array_index (sentences, AtlasSentence, 2).n_citations, ==, 0);
  /* Lavrov's quotation at the press conference ("Taking into account…") */
  g_assert_cmpuint (g_array_index (sentences, AtlasSentence, 8).start, ==, 1047);
  g_assert_cmpuint (g_array_index (sentences, AtlasSentence, 8).n_citations, ==, 1);
  /* "He spoke on condition of anonymity…" is inside the doctors event's excerpt */
  g_assert_cmpuint (g_array_index (sentences, AtlasSentence, 24).n_citations, ==, 1);
  /* two events cite "Rebel forces seized east Aleppo in 2012…" */
  g_assert_cmpuint (g_array_index (sentences, AtlasSentence, 19).n_citations, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sentences/basic", test_basic);
  g_test_add_func ("/sentences/abbreviations", test_abbreviations);
  g_test_add_func ("/sentences/decimals", test_decimals);
  g_test_add_func ("/sentences/quotes", test_quotes);
  g_test_add_func ("/sentences/lines", test_lines);
  g_test_add_func ("/sentences/offsets-in-characters", test_offsets_in_characters);
  g_test_add_func ("/sentences/cite-and-find", test_cite_and_find);
  g_test_add_func ("/sentences/article", test_article);

  return g_test_run ();
}
