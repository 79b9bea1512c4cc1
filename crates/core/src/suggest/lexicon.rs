//! Small sorted word lists for the detector (generated, then kept by hand; a test checks the order).
//! All entries are lowercase; curly apostrophes are folded to `'` before lookup.

/// Honorifics before a name (lowercase, without a full stop).
#[rustfmt::skip]
const PERSONAL_TITLES_LIST: &[&str] = &[
    "archbishop", "bishop", "brother", "cardinal", "dame", "dr", "father", "fr", "imam", "king", "lady", "lord",
    "miss", "mr", "mrs", "ms", "mx", "pastor", "pope", "prince", "princess", "prof", "professor", "queen", "rabbi",
    "rev", "reverend", "sheikh", "sir", "sister", "swami",
];

/// Capitalised offices that may stand before a name (`Mayor Jane Doe`, `Foreign Minister …`).
#[rustfmt::skip]
const ROLE_TITLES_LIST: &[&str] = &[
    "acting", "adm", "admiral", "alderman", "ambassador", "assemblyman", "assemblywoman", "assistant", "attorney",
    "attorney-general", "capt", "captain", "chair", "chairman", "chairwoman", "chancellor", "chief",
    "chief-executive", "cmdr", "coach", "col", "colonel", "commander", "commissioner", "congressman", "congresswoman",
    "conservative", "constable", "council", "councillor", "councilor", "culture", "dean", "defence", "defense",
    "democrat", "democratic", "deputy", "det", "detective", "director", "economy", "education", "energy",
    "environment", "envoy", "executive", "finance", "first", "foreign", "former", "general", "gov", "governor",
    "green", "headteacher", "health", "home", "inspector", "interim", "interior", "judge", "junior", "justice",
    "labor", "labour", "lady", "leader", "liberal", "lieutenant", "lt", "maj", "major", "majority", "manager", "managing", "mayor",
    "member", "mep", "minister", "minority", "mp", "officer", "pc", "premier", "president", "prime", "principal", "prosecutor",
    "provost", "rep", "representative", "republican", "second", "secretary", "secretary-general", "sen", "senator",
    "senior", "sergeant", "sgt", "shadow", "sheriff", "speaker", "spokesman", "spokesperson", "spokeswoman", "state",
    "superintendent", "supt", "trade", "transport", "treasury", "under-secretary", "undersecretary", "vice", "whip",
];

/// Nouns that name a speaker's role or body (`a spokesperson for …`, `the judge`).
#[rustfmt::skip]
const ROLE_NOUNS_LIST: &[&str] = &[
    "activist", "activists", "actor", "actress", "administration", "adviser", "advisers", "advisor", "advisors",
    "agency", "aide", "aides", "ambassador", "analyst", "analysts", "archbishop", "association", "athlete",
    "attorney", "author", "authority", "authors", "bank", "biologist", "bishop", "board", "boss", "bosses",
    "broadcaster", "brother", "bystander", "bystanders", "campaign", "campaigner", "campaigners", "candidate", "captain", "cardinal", "ceo", "cfo", "chair",
    "chairman", "chairwoman", "chancellor", "charity", "chef", "chief", "chief-executive", "club", "co-author",
    "co-founder", "coach", "colleague", "colleagues", "comedian", "commander", "commentator", "commission",
    "commissioner", "committee", "company", "constable", "consultant", "correspondent", "council", "councillor",
    "councillors", "councilor", "court", "critic", "critics", "dad", "daughter", "delegation", "department",
    "detective", "diplomat", "diplomats", "director", "director-general", "doctor", "doctors", "driver", "drivers",
    "economist", "economists", "editor", "engineer", "engineers", "envoy", "executive", "executives", "expert",
    "experts", "eyewitness", "eyewitnesses", "family", "fan", "fans", "farmer", "farmers", "father", "federation", "firm", "founder", "friend",
    "government", "governor", "governors", "group", "guard", "head", "historian", "hospital", "host", "husband",
    "imam", "inspector", "insurer", "insurers", "journalist", "journalists", "judge", "landlord", "lawmaker",
    "lawmakers", "lawyer", "lawyers", "leader", "manager", "managers", "mayor", "mediator", "minister", "ministers",
    "ministry", "mom", "mother", "mp", "mps", "mum", "musician", "negotiator", "negotiators", "neighbor",
    "neighbour", "nurse", "nurses", "office", "officer", "officers", "official", "officials", "operator",
    "operators", "organisation", "organisers", "organization", "organizers", "owner", "owners", "palace", "parent",
    "parents", "party", "pastor", "physician", "pilot", "player", "players", "police", "premier", "presenter",
    "president", "priest", "prime", "principal", "producer", "professor", "prosecutor", "protesters", "provost",
    "psychologist", "pundit", "rabbi", "rapper", "regulator", "report", "reporter", "researcher", "researchers",
    "resident", "residents", "retailer", "retailers", "scholar", "school", "scientist", "scientists", "secretary",
    "secretary-general", "seismologist", "senator", "senators", "sergeant", "sheriff", "shopkeeper", "singer",
    "sister", "son", "source", "sources", "spokesman", "spokespeople", "spokesperson", "spokespersons",
    "spokeswoman", "statement", "striker", "student", "students", "study", "superintendent", "supporters",
    "surgeon", "survivor", "survivors", "teacher", "teachers", "team", "tenant", "tenants", "under-secretary", "undersecretary", "union", "university",
    "victim", "victims", "voter", "voters", "watchdog", "widow", "widower", "wife", "witness", "witnesses", "worker", "workers",
    "writer", "zoo",
];

/// Words that make a capitalised name an organisation (`Hartwell Borough Council`).
#[rustfmt::skip]
const ORG_WORDS_LIST: &[&str] = &[
    "academy", "administration", "ag", "agency", "airlines", "airport", "airways", "alliance", "asa", "assembly",
    "association", "authority", "bank", "board", "bureau", "campaign", "cathedral", "center", "centre", "charity",
    "church", "clinic", "club", "coalition", "college", "commission", "committee", "company", "conference", "congress",
    "conservatory", "corp", "corporation", "corps", "council", "court", "department", "enterprises", "federation", "foods",
    "forces", "foundation", "fund", "gazette", "gmbh", "government", "group", "group's", "guardian", "herald", "highways", "holdings",
    "homes", "hospital", "house", "inc", "industries", "institute", "institution", "international", "journal", "laboratory", "labs",
    "league", "library", "llc", "ltd", "magazine", "media", "ministry", "mosque", "movement", "museum", "nations", "network", "news",
    "observatory", "office", "orchestra", "organisation", "organization", "parliament", "partners", "party", "plc",
    "police", "post", "press", "program", "programme", "project", "radio", "rail", "railway", "railways", "review",
    "sa", "school", "securities", "senate", "service", "services", "society", "studio", "studios", "survey",
    "systems", "technologies", "telegraph", "television", "temple", "theater", "theatre", "times", "tribune", "trust", "tv",
    "union", "university", "weekly", "world", "zoo",
];

/// Words that make a capitalised name a place (`Elm Street`, `Cedar Falls`).
#[rustfmt::skip]
const PLACE_WORDS_LIST: &[&str] = &[
    "airport", "ave", "avenue", "bay", "beach", "blvd", "borough", "boulevard", "bridge", "canyon", "central", "city",
    "coast", "county", "desert", "district", "drive", "east", "eastern", "falls", "forest", "gulf", "heights", "hill",
    "hills", "island", "islands", "lake", "lane", "mall", "mount", "mountain", "mt", "north", "northern", "ocean",
    "park", "peninsula", "province", "rd", "region", "river", "road", "sea", "south", "southern", "square", "st",
    "state", "station", "strait", "street", "town", "valley", "village", "way", "west", "western",
];

/// Capitalised words that are not names: sentence starters, pronouns, days and months.
#[rustfmt::skip]
const NOT_NAMES_LIST: &[&str] = &[
    "a", "according", "after", "again", "all", "already", "also", "although", "amid", "among", "an", "analysts",
    "and", "another", "any", "apr", "april", "are", "as", "asked", "at", "aug", "august", "be", "because", "been",
    "before", "both", "but", "by", "can", "closing", "could", "critics", "dear", "dec", "december", "defending",
    "despite", "did", "do", "does", "during", "each", "eight", "either", "even", "ever", "every", "experts", "feb",
    "february", "few", "fewer", "first", "five", "following", "for", "four", "fri", "friday",
    "from", "furthermore", "had", "has", "have", "he", "hello", "her", "here", "hers", "hi", "him", "his",
    "how", "however", "i", "if", "in", "indeed", "instead", "into", "is", "it", "it's", "its", "jan",
    "january", "jul", "july", "jun", "june", "just", "last", "later", "least", "less", "let's", "many",
    "mar", "march", "may", "maybe", "me", "meanwhile", "might", "mine", "mon", "monday", "more", "moreover", "most",
    "much", "must", "my", "neither", "never", "next", "nine", "no", "none", "nor", "not",
    "nothing", "nov", "november", "now", "oct", "october", "of", "officials", "oh", "ok", "okay", "on", "once",
    "one", "only", "onto", "opening", "or", "other", "our", "ours", "over", "people", "perhaps", "please", "police", "reports",
    "researchers", "residents", "responding", "sat", "saturday", "scientists", "second", "sentencing",
    "sep", "sept", "september", "seven", "shall", "she", "should", "since", "six", "so", "some", "soon", "sources", "speaking",
    "still", "such", "sun", "sunday", "ten", "than", "thank", "thanks", "that", "that's", "the", "their",
    "theirs", "them", "then", "there", "there's", "these", "they", "third", "this", "those", "though", "three", "thu",
    "thur", "thurs", "thursday", "to", "today", "tomorrow", "tonight", "tue", "tues", "tuesday", "two", "under",
    "unless", "until", "upon", "us", "was", "we", "wed", "wednesday", "well", "were", "what", "what's", "when",
    "where", "whereas", "whether", "which", "while", "who", "who's", "whom", "whose", "why", "will", "with",
    "without", "would", "yes", "yesterday", "yet", "you", "your", "yours",
];

/// Capitalised words after an abbreviation such as `a.m.` that start a new sentence.
#[rustfmt::skip]
const SENTENCE_STARTERS_LIST: &[&str] = &[
    "a", "after", "all", "an", "and", "as", "at", "before", "but", "by", "for", "he", "her", "his", "however", "i",
    "if", "in", "it", "its", "many", "meanwhile", "most", "no", "not", "on", "one", "our", "she", "so", "some",
    "that", "the", "their", "then", "there", "these", "they", "this", "those", "we", "when", "while", "yet", "you",
];

/// Abbreviations whose full stop does not end a sentence (`Dr. Osei`, `Jan. 1`).
#[rustfmt::skip]
const NO_STOP_ABBREVIATIONS_LIST: &[&str] = &[
    "adm", "approx", "apr", "aug", "ca", "capt", "cmdr", "col", "cpl", "dec", "det", "dr", "feb", "fig", "fr", "gen",
    "gov", "hon", "insp", "jan", "jr", "jul", "jun", "lt", "mar", "mr", "mrs", "ms", "mt", "no", "nos", "nov", "oct", "ph",
    "prof", "pvt", "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st", "supt", "v", "vs",
];

/// Common female given names (US, UK, Europe and beyond); used only to tell he from she.
#[rustfmt::skip]
const FEMALE_NAMES_LIST: &[&str] = &[
    "abby", "abigail", "agnes", "aisha", "alexis", "alice", "alicia", "amanda", "amber", "amelia", "amina", "amy",
    "ana", "andrea", "angela", "anita", "anja", "ann", "anna", "anne", "ashley", "astrid", "ava", "ayesha", "barbara",
    "beatriz", "beth", "bethany", "betty", "beverly", "brenda", "bridget", "brittany", "camille", "carla", "carmen",
    "carol", "caroline", "carolyn", "catherine", "chantal", "charlotte", "cheryl", "chloe", "christina", "christine",
    "claire", "clara", "colleen", "cynthia", "dana", "danielle", "deborah", "debra", "deepa", "denise", "diana",
    "diane", "dolores", "donna", "doris", "dorothy", "edith", "eileen", "eleanor", "elena", "elizabeth", "ella",
    "ellie", "elsa", "emily", "emma", "esther", "evelyn", "fatima", "fiona", "frances", "francesca", "freya",
    "gabriela", "gail", "georgia", "gillian", "giulia", "gloria", "grace", "greta", "gwen", "hana", "hanna", "hannah",
    "harriet", "heather", "heidi", "helen", "holly", "ida", "imogen", "ines", "inga", "ingrid", "irene", "isabella",
    "isla", "jacqueline", "jade", "jane", "janet", "janice", "janine", "jean", "jennifer", "jenny", "jessica", "jill",
    "jin", "jo", "joan", "joanna", "joanne", "joyce", "judith", "judy", "julia", "julie", "june", "karen", "karin",
    "kate", "katherine", "kathleen", "kathryn", "katie", "kavita", "kayla", "keiko", "kelly", "kerry", "kim",
    "kimberly", "kirsty", "kristen", "laura", "lauren", "leah", "leila", "lena", "lily", "linda", "ling", "lisa",
    "lori", "lorraine", "louise", "lucia", "lucy", "lynn", "lynne", "madison", "maggie", "maja", "margaret", "maria",
    "mariam", "mariana", "marie", "marilyn", "marta", "martha", "mary", "maureen", "meera", "megan", "mei", "melanie",
    "melissa", "mia", "michelle", "min", "miriam", "molly", "monica", "nadia", "nadine", "nancy", "naomi", "natalie",
    "natasha", "neha", "niamh", "nicole", "nina", "noor", "nora", "olga", "olivia", "pamela", "paola", "patricia",
    "paula", "penny", "petra", "philippa", "pooja", "poppy", "priya", "rachel", "rebecca", "rita", "robin", "rosa",
    "rose", "ruby", "ruth", "sally", "samantha", "sandra", "sara", "sarah", "shannon", "sharon", "sheila", "shirley",
    "sian", "silke", "siobhan", "sofia", "sophia", "sophie", "stacey", "stephanie", "sue", "sunita", "susan", "susie",
    "svetlana", "sylvie", "tanya", "tatiana", "teresa", "theresa", "tina", "tracey", "tracy", "ulrike", "valentina",
    "vanessa", "vera", "victoria", "virginia", "wanda", "wendy", "yasmin", "yuki", "yvonne", "zainab", "zoe",
];

/// Common male given names (US, UK, Europe and beyond); used only to tell he from she.
#[rustfmt::skip]
const MALE_NAMES_LIST: &[&str] = &[
    "aaron", "adam", "adrian", "ahmed", "alan", "albert", "alessandro", "alexander", "alfie", "ali", "alistair",
    "amit", "andrei", "andrew", "andy", "angus", "anthony", "antonio", "archie", "arjun", "arthur", "austin", "ben",
    "benjamin", "bill", "billy", "bob", "bobby", "brandon", "brian", "bruce", "bryan", "callum", "carl", "carlos",
    "charles", "charlie", "chris", "christian", "christopher", "colin", "connor", "craig", "cristian", "dan",
    "daniel", "darren", "dave", "david", "dean", "dennis", "derek", "diego", "dmitri", "donald", "douglas", "duncan",
    "dylan", "ed", "edward", "elijah", "eric", "erik", "ethan", "euan", "eugene", "ewan", "francesco", "francois",
    "frank", "fraser", "fred", "freddie", "gabriel", "gareth", "gary", "george", "gerald", "giovanni", "glen",
    "gordon", "graham", "grant", "greg", "gregory", "hamish", "hamza", "hans", "harold", "harry", "hassan", "henrik",
    "henry", "hugh", "ian", "ivan", "jack", "jacob", "jacques", "james", "jamie", "jason", "javier", "jeffrey",
    "jeremy", "jerry", "jesse", "jim", "joe", "john", "johnny", "jon", "jonathan", "jorge", "jose", "joseph",
    "joshua", "juan", "julio", "justin", "karl", "keith", "kenneth", "kenny", "kevin", "kieran", "kyle", "larry",
    "lars", "lawrence", "lee", "leo", "liam", "logan", "louis", "luca", "luis", "luke", "malcolm", "marco", "marcus",
    "mark", "martin", "matt", "matthew", "max", "maxwell", "michael", "mick", "miguel", "mihai", "mike", "mohamed",
    "mohammed", "morgan", "muhammad", "nathan", "nathaniel", "neil", "neville", "nicholas", "nick", "nigel", "noah",
    "norman", "oliver", "omar", "oscar", "owen", "pablo", "paolo", "patrick", "paul", "pedro", "pete", "peter",
    "phil", "philip", "pierre", "piotr", "rafael", "raj", "rajesh", "ralph", "randy", "ray", "raymond", "reginald",
    "rhys", "richard", "rob", "robert", "rodney", "roger", "ronald", "ross", "roy", "russell", "ryan", "sam",
    "samuel", "scott", "sean", "sebastian", "sergei", "shane", "simon", "spencer", "stanley", "stephen", "steve",
    "steven", "stuart", "sven", "tariq", "ted", "terence", "terry", "theo", "thomas", "tim", "timothy", "toby", "tom",
    "tomasz", "tony", "travis", "trevor", "tyler", "victor", "vincent", "walter", "warren", "wayne", "wesley", "will",
    "william", "willie", "yusuf", "zachary",
];

/// Nouns for what someone said (`the PM’s call for …`, `His verdict now: …`).
#[rustfmt::skip]
const SPEECH_NOUNS_LIST: &[&str] = &[
    "admission", "advice", "answer", "appeal", "argument", "assessment", "assurance", "call", "calls", "claim",
    "claims", "comment", "comments", "criticism", "demand", "demands", "description", "explanation", "insistence",
    "message", "plea", "pledge", "praise", "prediction", "promise", "remark", "remarks", "reply", "response",
    "statement", "statements", "verdict", "view", "views", "vow", "warning", "warnings", "words",
];

/// Words between a subject and its reporting verb (`May also said`, `has since said`).
#[rustfmt::skip]
const SKIP_BEFORE_VERB_LIST: &[&str] = &[
    "again", "allegedly", "already", "also", "apparently", "are", "as", "be", "been", "being", "did", "do", "does",
    "earlier", "finally", "firmly", "frequently", "had", "has", "have", "however", "initially", "is", "just", "later",
    "never", "not", "often", "once", "only", "previously", "privately", "publicly", "quickly", "quoted", "recently",
    "repeatedly", "reportedly", "separately", "simply", "since", "still", "subsequently", "then", "was", "were",
    "will", "would",
];

/// Group nouns after a name that make it a group (`the Biden campaign`, `the Trump
/// administration`, `the Imus family`).
#[rustfmt::skip]
const GROUP_NOUNS_LIST: &[&str] = &[
    "administration", "camp", "campaign", "family", "government", "office", "spokesman", "spokesperson", "spokeswoman",
    "team",
];

/// Determiners and possessive pronouns that start a noun phrase.
#[rustfmt::skip]
const DETERMINERS_LIST: &[&str] = &[
    "a", "an", "another", "any", "each", "every", "her", "his", "its", "my", "no", "one", "our", "some", "that",
    "the", "their", "these", "this", "those", "your",
];

/// Words that start a clause and so end a subject noun phrase when walking backwards.
#[rustfmt::skip]
const CLAUSE_WORDS_LIST: &[&str] = &[
    "after", "although", "and", "as", "because", "before", "but", "how", "if", "or", "since", "so", "than", "that",
    "though", "unless", "until", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why",
];

/// Personal pronouns that can be a subject.
#[rustfmt::skip]
const PRONOUNS_LIST: &[&str] = &[
    "he", "i", "it", "me", "she", "they", "us", "we", "you",
];

/// Lowercase particles inside names (`Hanna de Vries`).
#[rustfmt::skip]
const PARTICLES_LIST: &[&str] = &[
    "al", "bin", "da", "de", "del", "della", "den", "der", "di", "du", "ibn", "la", "le", "ten", "ter", "van", "von",
];

/// Prepositions that start a modifier.
#[rustfmt::skip]
const PREPOSITIONS_LIST: &[&str] = &[
    "across", "as", "at", "by", "for", "from", "in", "inside", "into", "near", "of", "on", "outside", "to", "with",
];

/// Relative words that start a clause.
#[rustfmt::skip]
const RELATIVES_LIST: &[&str] = &[
    "when", "where", "which", "who", "whom", "whose",
];

/// Documents that speak for whoever issued them (`the statement said`).
#[rustfmt::skip]
const DOCUMENT_NOUNS_LIST: &[&str] = &[
    "advisory", "announcement", "bulletin", "communique", "communiqué", "declaration", "decree", "description",
    "document", "email", "filing", "judgment", "letter", "memo", "message", "notice", "opinion", "paper",
    "post", "proclamation", "release", "report", "ruling", "statement", "summary", "tweet",
];

/// Months that are also names (`May said`).
#[rustfmt::skip]
const MONTHS_AS_NAMES_LIST: &[&str] = &[
    "april", "june", "may",
];

/// Number words (claims).
#[rustfmt::skip]
const NUMBER_WORDS_LIST: &[&str] = &[
    "billion", "billions", "double", "dozen", "dozens", "eight", "eighteen", "eighty", "eleven", "fifteen", "fifty",
    "five", "forty", "four", "fourteen", "half", "hundred", "hundreds", "million", "millions", "nine", "nineteen",
    "ninety", "quarter", "seven", "seventeen", "seventy", "six", "sixteen", "sixty", "ten", "third", "thirteen",
    "thirty", "thousand", "thousands", "three", "trillion", "twelve", "twenty", "twice", "two",
];

/// Currencies (claims).
#[rustfmt::skip]
const MONEY_WORDS_LIST: &[&str] = &[
    "cent", "cents", "crowns", "dollar", "dollars", "euro", "euros", "francs", "pence", "pound", "pounds", "rupees",
    "yen", "yuan",
];

/// Units of measurement (claims).
#[rustfmt::skip]
const UNIT_WORDS_LIST: &[&str] = &[
    "acres", "c", "celsius", "centimeters", "centimetres", "cm", "decibels", "degrees", "f", "fahrenheit", "feet",
    "gb", "gw", "hectares", "inches", "kg", "kilograms", "kilometers", "kilometres", "km", "kwh", "liters", "litres",
    "megawatt", "megawatts", "meters", "metres", "miles", "mm", "mph", "mw", "tonnes", "tons",
];

/// Comparatives (claims).
#[rustfmt::skip]
const COMPARATIVES_LIST: &[&str] = &[
    "bigger", "cheaper", "doubled", "faster", "fewer", "halved", "higher", "larger", "less", "lower", "more",
    "outnumber", "slower", "smaller", "tripled", "worse",
];

/// Superlatives (claims).
#[rustfmt::skip]
const SUPERLATIVES_LIST: &[&str] = &[
    "best", "biggest", "fastest", "greatest", "highest", "largest", "least", "lowest", "most", "record", "smallest",
    "worst",
];

/// Words in -est that are not superlatives (claims).
#[rustfmt::skip]
const NOT_SUPERLATIVE_LIST: &[&str] = &[
    "arrest", "chest", "conquest", "contest", "digest", "earnest", "forest", "guest", "harvest", "honest", "inquest",
    "interest", "invest", "manifest", "modest", "nest", "pest", "protest", "quest", "request", "rest", "suggest",
    "test", "vest", "west",
];

/// One-word causal markers (claims).
#[rustfmt::skip]
const CAUSAL_ONE_LIST: &[&str] = &[
    "because", "caused", "causes", "causing", "consequently", "thanks", "therefore",
];

/// One-word prediction markers (claims).
#[rustfmt::skip]
const PREDICTION_ONE_LIST: &[&str] = &[
    "forecast", "forecasts", "predicted", "predicts", "projected",
];

/// First words of two-word claim markers (`due to`, `expected to`): a cheap prefilter.
#[rustfmt::skip]
const MARKER_FIRST_LIST: &[&str] = &[
    "as", "blamed", "contributed", "driven", "due", "expected", "expects", "lead", "leads", "led", "likely",
    "linked", "responsible", "result", "resulted", "results", "set", "unlikely",
];

/// Word-list memberships, one bit per list.
pub(crate) const PERSONAL_TITLES: u32 = 1 << 0;
pub(crate) const ROLE_TITLES: u32 = 1 << 1;
pub(crate) const ROLE_NOUNS: u32 = 1 << 2;
pub(crate) const ORG_WORDS: u32 = 1 << 3;
pub(crate) const PLACE_WORDS: u32 = 1 << 4;
pub(crate) const NOT_NAMES: u32 = 1 << 5;
pub(crate) const SENTENCE_STARTERS: u32 = 1 << 6;
pub(crate) const NO_STOP_ABBREVIATIONS: u32 = 1 << 7;
pub(crate) const FEMALE_NAMES: u32 = 1 << 8;
pub(crate) const MALE_NAMES: u32 = 1 << 9;
pub(crate) const SPEECH_NOUNS: u32 = 1 << 10;
pub(crate) const SKIP_BEFORE_VERB: u32 = 1 << 11;
pub(crate) const DETERMINERS: u32 = 1 << 12;
pub(crate) const CLAUSE_WORDS: u32 = 1 << 13;
pub(crate) const PRONOUNS: u32 = 1 << 14;
pub(crate) const PARTICLES: u32 = 1 << 15;
pub(crate) const PREPOSITIONS: u32 = 1 << 16;
pub(crate) const RELATIVES: u32 = 1 << 17;
pub(crate) const DOCUMENT_NOUNS: u32 = 1 << 18;
pub(crate) const MONTHS_AS_NAMES: u32 = 1 << 19;
pub(crate) const NUMBER_WORDS: u32 = 1 << 20;
pub(crate) const MONEY_WORDS: u32 = 1 << 21;
pub(crate) const UNIT_WORDS: u32 = 1 << 22;
pub(crate) const COMPARATIVES: u32 = 1 << 23;
pub(crate) const SUPERLATIVES: u32 = 1 << 24;
pub(crate) const NOT_SUPERLATIVE: u32 = 1 << 25;
pub(crate) const CAUSAL_ONE: u32 = 1 << 26;
pub(crate) const PREDICTION_ONE: u32 = 1 << 27;
pub(crate) const MARKER_FIRST: u32 = 1 << 28;
pub(crate) const GROUP_NOUNS: u32 = 1 << 29;

const LISTS: &[(&[&str], u32)] = &[
    (PERSONAL_TITLES_LIST, PERSONAL_TITLES),
    (ROLE_TITLES_LIST, ROLE_TITLES),
    (ROLE_NOUNS_LIST, ROLE_NOUNS),
    (ORG_WORDS_LIST, ORG_WORDS),
    (PLACE_WORDS_LIST, PLACE_WORDS),
    (NOT_NAMES_LIST, NOT_NAMES),
    (SENTENCE_STARTERS_LIST, SENTENCE_STARTERS),
    (NO_STOP_ABBREVIATIONS_LIST, NO_STOP_ABBREVIATIONS),
    (FEMALE_NAMES_LIST, FEMALE_NAMES),
    (MALE_NAMES_LIST, MALE_NAMES),
    (SPEECH_NOUNS_LIST, SPEECH_NOUNS),
    (SKIP_BEFORE_VERB_LIST, SKIP_BEFORE_VERB),
    (DETERMINERS_LIST, DETERMINERS),
    (CLAUSE_WORDS_LIST, CLAUSE_WORDS),
    (PRONOUNS_LIST, PRONOUNS),
    (PARTICLES_LIST, PARTICLES),
    (PREPOSITIONS_LIST, PREPOSITIONS),
    (RELATIVES_LIST, RELATIVES),
    (DOCUMENT_NOUNS_LIST, DOCUMENT_NOUNS),
    (MONTHS_AS_NAMES_LIST, MONTHS_AS_NAMES),
    (NUMBER_WORDS_LIST, NUMBER_WORDS),
    (MONEY_WORDS_LIST, MONEY_WORDS),
    (UNIT_WORDS_LIST, UNIT_WORDS),
    (COMPARATIVES_LIST, COMPARATIVES),
    (SUPERLATIVES_LIST, SUPERLATIVES),
    (NOT_SUPERLATIVE_LIST, NOT_SUPERLATIVE),
    (CAUSAL_ONE_LIST, CAUSAL_ONE),
    (PREDICTION_ONE_LIST, PREDICTION_ONE),
    (MARKER_FIRST_LIST, MARKER_FIRST),
    (GROUP_NOUNS_LIST, GROUP_NOUNS),
];

/// FNV-1a: a small, fast hasher for short words and keys (no need for DoS resistance here).
#[derive(Default)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
}

type Map = std::collections::HashMap<&'static str, (u32, Option<&'static str>), std::hash::BuildHasherDefault<Fnv>>;

fn map() -> &'static Map {
    static MAP: std::sync::OnceLock<Map> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = Map::default();
        for (list, bit) in LISTS {
            for w in *list {
                m.entry(w).or_insert((0, None)).0 |= bit;
            }
        }
        // Reporting-verb forms: leaked once per process, a few kilobytes.
        for (form, lemma) in super::verbs::all_forms() {
            let form: &'static str = Box::leak(form.into_boxed_str());
            m.entry(form).or_insert((0, None)).1 = Some(lemma);
        }
        m
    })
}

/// The lists a lowercase word belongs to, and its reporting-verb lemma, in one lookup.
pub(crate) fn lookup(word: &str) -> (u32, Option<&'static str>) {
    match map().get(word) {
        Some(&found) => found,
        // "co-developer", "co-host", "co-chair": a shared role, before a name or after "the".
        None if word.len() > 5 && word.strip_prefix("co-").is_some_and(|r| r.bytes().all(|b| b.is_ascii_lowercase())) => {
            (ROLE_NOUNS | ROLE_TITLES, None)
        }
        None => (0, None),
    }
}

/// The lists a lowercase word belongs to.
pub(crate) fn flags(word: &str) -> u32 {
    lookup(word).0
}

/// Whether a lowercase word is in the list(s) `flag`.
pub(crate) fn has(flag: u32, word: &str) -> bool {
    flags(word) & flag != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_lowercase_and_unique() {
        for (list, _) in LISTS {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{:?}", list.windows(2).find(|w| w[0] >= w[1]));
            assert!(list.iter().all(|w| w.chars().all(|c| !c.is_uppercase())));
        }
        assert!(has(ROLE_NOUNS | ORG_WORDS, "council") && has(NOT_NAMES, "the") && !has(NOT_NAMES, "becker"));
    }
}
