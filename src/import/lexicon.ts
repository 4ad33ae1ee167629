import type { ImportLocale } from './dispatch.types.js';

/**
 * The small per-language word lists the importer's heuristics lean on. Kept in one place, as data,
 * so a wrong guess on a real dispatch is fixed by adding a word here, not by touching a regex.
 * All lists are lower-case unless they are about capitalised words.
 */
export interface Lexicon {
  /** Reporting verbs after an auxiliary or on their own: "a affirmé", "said". */
  speechVerbs: ReadonlySet<string>;
  /** Present participles that hang a quote on the main clause's subject: "estimant", "saying". */
  speechParticiples: ReadonlySet<string>;
  /** Participles that introduce a quote whose speaker follows as an agent: "jugée « … » par X". */
  passiveSpeech: ReadonlySet<string>;
  /** The agent's preposition ("par", "by") and the links allowed before the quote ("qualifié de", "described as"). */
  passiveAgent: string;
  passiveLinks: ReadonlySet<string>;
  /** Auxiliaries in front of a past participle: "a dénoncé", "has called". */
  auxiliaries: ReadonlySet<string>;
  /** "selon X", "according to X": the source follows. */
  sourceMarkers: readonly string[];
  /** Prepositions of an audience between a verb and its speaker: "a déclaré à l'AFP X". */
  audienceMarkers: ReadonlySet<string>;
  /** Whether a bare plural can be a subject ("officials said"); French needs a determiner. */
  bareSubjects: boolean;
  /** Simple past of any verb ("rejected"), to find a main clause without an auxiliary; null if none. */
  simplePast: RegExp | null;
  determiners: ReadonlySet<string>;
  pronouns: ReadonlySet<string>;
  /** Words that end a noun phrase read forwards ("selon X et …", "said X on Tuesday"). */
  phraseStops: ReadonlySet<string>;
  /** Words that start a clause, so a subject read backwards never crosses them ("… que X a dit"). */
  clauseStarts: ReadonlySet<string>;
  /** Time words in front of a subject or after a verb: "Mardi le ministre a dit", "said on Tuesday". */
  timeWords: ReadonlySet<string>;
  /** Capitalised words that are not names on their own: sentence openers, days, months, "Premier". */
  commonWords: ReadonlySet<string>;
  /** Lower-case links inside a name: "Burkina Faso" no, "Côte d'Ivoire", "Bank of England" yes. */
  particles: ReadonlySet<string>;
  /** Titles in front of a name, dropped from candidates and speakers: "Foreign Minister X" → "X". */
  titles: ReadonlySet<string>;
  /** Title words that make a leading run of `titles` a title (so "Defense Department" stays). */
  coreTitles: ReadonlySet<string>;
  /** Adverbs capitalised only because they open a sentence: "Récemment Kassi…", "Finally Kassi…". */
  sentenceAdverb: RegExp;
  /** Capitalised adjectives that are no name on their own: English nationalities ("Norwegian crowns"). */
  loneAdjective: RegExp | null;
}

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

const FR_DAYS = 'lundi mardi mercredi jeudi vendredi samedi dimanche';
const EN_DAYS = 'monday tuesday wednesday thursday friday saturday sunday';
const FR_MONTHS = 'janvier février mars avril mai juin juillet août septembre octobre novembre décembre';
const EN_MONTHS = 'january february march april may june july august september october november december';
const capitalise = (words: string) => words.replace(/(^|\s)(\p{Ll})/gu, (_m, s: string, c: string) => s + c.toUpperCase());

const FR: Lexicon = {
  speechVerbs: set(`
    affirmé déclaré indiqué estimé ajouté assuré souligné expliqué précisé dit dénoncé martelé
    insisté prévenu rappelé jugé répondu confié lancé poursuivi annoncé averti écrit commenté
    regretté déploré reconnu relevé noté soutenu conclu qualifié fustigé salué promis réitéré
    réclamé plaidé résumé témoigné raconté admis démenti asséné assené tranché lâché confirmé
    affirme déclare indique estime ajoute assure souligne explique précise dénonce martèle insiste
    prévient rappelle juge répond confie lance poursuit annonce avertit commente regrette déplore
    reconnaît reconnait relève note soutient conclut qualifie résume témoigne raconte admet dément
    tranche lâche observe plaide
    affirment déclarent estiment expliquent jugent soulignent assurent ajoutent dénoncent disent
    préviennent regrettent déplorent réclament`),
  speechParticiples: set(`
    estimant affirmant jugeant dénonçant déclarant assurant soulignant expliquant ajoutant
    qualifiant rappelant indiquant précisant accusant prévenant réclamant appelant fustigeant
    martelant insistant promettant saluant regrettant déplorant`),
  passiveSpeech: set(`
    jugé jugée jugés jugées qualifié qualifiée qualifiés qualifiées décrit décrite décrits
    décrites présenté présentée présentés présentées considéré considérée considérés considérées
    salué saluée salués saluées dénoncé dénoncée dénoncés dénoncées critiqué critiquée critiqués
    critiquées`),
  passiveAgent: 'par',
  passiveLinks: set('de comme'),
  auxiliaries: set('a ont avait avaient aurait auraient aura auront'),
  sourceMarkers: ['selon', "d'après", 'd’après'],
  audienceMarkers: set('à aux'),
  bareSubjects: false,
  simplePast: null,
  determiners: set(`
    le la les l' l’ un une des du de ce cet cette ces son sa ses leur leurs notre nos plusieurs
    certains certaines deux trois quatre quelques aucun aucune chaque tout tous toutes`),
  pronouns: set('il elle ils elles on lui eux nous je celui-ci celle-ci ceux-ci celles-ci'),
  phraseStops: set(`
    et ou qui que qu' qu’ dont lors mais car tandis alors lorsque quand dans devant depuis
    pendant après avant sur sous à hier ${FR_DAYS}`),
  clauseStarts: set(`et mais que qu' qu’ qui dont car tandis alors où lorsque quand si puis`),
  timeWords: set(`${FR_DAYS} hier aujourd'hui aujourd’hui soir matin puis ensuite enfin déjà récemment`),
  commonWords: set(`
    Le La Les L' L’ Un Une Des Du De D' D’ Ce Cet Cette Ces Son Sa Ses Leur Leurs Notre Nos Il Elle
    Ils Elles On Nous Vous Je Tu Selon Pour Par Dans Sur Sous Avec Sans Après Avant Depuis Pendant
    Entre Vers Chez Contre Mais Et Ou Donc Or Car Puis Alors Ainsi Enfin Ensuite Toutefois
    Cependant Pourtant Quant Si Quand Lorsque Comme En Au Aux A À Y Ne Pas Plus Moins Très Tout
    Tous Toutes Aucun Chaque Plusieurs Certains Deux Trois Fin Début Mi
    ${capitalise(FR_DAYS)} ${capitalise(FR_MONTHS)}
    Premier Première Etat État Etats États Ouest Est Nord Sud M Mme Mgr Me Dr Pr`),
  particles: set("de du des d' d’ la le l' l’ van von der den ben bin ibn ould el al"),
  titles: set('M Mme Mgr Me Dr Pr Président Présidente Premier Ministre Général Colonel Capitaine'),
  coreTitles: set('M Mme Mgr Me Dr Pr Président Présidente Ministre Général Colonel Capitaine'),
  sentenceAdverb: /ment$/u,
  loneAdjective: null, // French writes them in lower case: "ivoiriens", "nigérienne"
};

const EN: Lexicon = {
  speechVerbs: set(`
    said says told tells added adds wrote writes stated states warned warns insisted insists noted
    notes argued argues explained explains declared announced asked asks replied tweeted posted
    acknowledged acknowledges claimed claims vowed urged stressed stresses called calls described
    describes recalled conceded admitted predicted cautioned complained countered remarked
    suggested confirmed concluded maintained promised pledged`),
  speechParticiples: set(`
    saying calling adding describing warning insisting arguing noting claiming stressing urging
    vowing branding labelling labeling dismissing`),
  passiveSpeech: set('described called branded labelled labeled hailed dismissed deemed'),
  passiveAgent: 'by',
  passiveLinks: set('as'),
  auxiliaries: set('has have had'),
  sourceMarkers: ['according to'],
  audienceMarkers: new Set(),
  bareSubjects: true,
  simplePast: /^\p{Ll}+ed$/u,
  determiners: set('the a an this that these those its his her their our one two three several some many most other another any each both few'),
  pronouns: set('he she they it him them we i'),
  phraseStops: set(`and or who which that while but on in at after before during when late earlier last this told adding as ${EN_DAYS}`),
  clauseStarts: set('and but that which who while as because when where after if whereas'),
  timeWords: set(`${EN_DAYS} on yesterday today earlier later meanwhile also late`),
  commonWords: set(`
    The A An This That These Those It Its He She They We I You His Her Their Our In On At For With By
    From After Before Since During But And Or So Yet If When While As Of To Not No Yes There Here
    What Who Which Why How All Some Many Most Several One Two Three Last Next Early Late Earlier Later
    Meanwhile However Also Still ${capitalise(EN_DAYS)} ${capitalise(EN_MONTHS)} GMT UTC Mr Mrs Ms Dr`),
  particles: set('of the de du da van von der den bin ben ibn al el'),
  titles: set(`
    Mr Mrs Ms Dr Sir Lord Lady President Vice Prime Minister Secretary Chief Executive Officer
    Chairman Chairwoman Chair Director General Gen Governor Mayor Senator Sen Representative Rep
    King Queen Prince Princess Pope Chancellor Colonel Col Captain Lieutenant Deputy Foreign
    Finance Defence Interior Ambassador Judge Spokesman Spokeswoman Commissioner Commander
    Admiral Councillor Councilor Crown`),
  coreTitles: set(`
    Mr Mrs Ms Dr Sir Lord Lady President Minister Secretary Executive Officer Chairman Chairwoman
    Chair Director General Gen Governor Mayor Senator Sen Representative Rep King Queen Prince
    Princess Pope Chancellor Colonel Col Captain Lieutenant Ambassador Judge Spokesman
    Spokeswoman Commissioner Commander Admiral Councillor Councilor`),
  sentenceAdverb: /ly$/u,
  loneAdjective: /(?:ian|ean|ese|ish)$/u,
};

export const LEXICON: Record<ImportLocale, Lexicon> = { FR, EN };

/** Month numbers by name and usual wire abbreviation, both languages (a dateline may use either). */
export const MONTHS: ReadonlyMap<string, number> = new Map([
  ...FR_MONTHS.split(' ').map((m, i) => [m, i + 1] as const),
  ...EN_MONTHS.split(' ').map((m, i) => [m, i + 1] as const),
  ...Object.entries({ janv: 1, févr: 2, fév: 2, avr: 4, juil: 7, sept: 9, oct: 10, nov: 11, déc: 12 }),
  ...Object.entries({ jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, dec: 12 }),
]);

/**
 * Abbreviations whose final dot does not end a sentence ("M. Bazoum", "Gen. Tiani"). Single
 * capital letters (initials) and dotted acronyms ("U.S.") are recognised by shape instead.
 */
export const ABBREVIATIONS: ReadonlySet<string> = set(`
  M Mme Mmes MM Mgr Dr Pr Me St Ste Mr Mrs Ms Gen Lt Col Capt Sgt Sen Rep Gov Jr Sr Prof No vs
  etc cf av apr env Jan Feb Aug Sept Oct Nov Dec Inc Corp Ltd Co`);

/**
 * Drops the titles in front of a name ("Foreign Minister Sergei X" → "Sergei X"), but only a run
 * holding a real title word and leaving a name: "Defense Department" keeps its first word.
 */
export function stripTitles(words: readonly string[], L: Lexicon): string[] {
  let run = 0;
  while (run < words.length - 1 && L.titles.has(words[run]!.replace(/\.$/u, ''))) run++;
  const hasCore = words.slice(0, run).some((w) => L.coreTitles.has(w.replace(/\.$/u, '')));
  return hasCore ? words.slice(run) : [...words];
}
