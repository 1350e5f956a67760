"""The demo catalogue: four categories of Palembang cloth with their variants."""

import logging

from django.utils.text import slugify

from shop.models import (
    Material,
    Motif,
    ProductImage,
    ProductIndexPage,
    ProductPage,
    ProductVariant,
    StockLevel,
    Technique,
)
from shop.stock import set_initial_stock

from .images import get_product_images
from .pages import add_child, get_child

logger = logging.getLogger(__name__)

MOTIFS = [
    ("lepus", "Lepus", "Benang emas menutupi hampir seluruh permukaan kain."),
    ("tabur", "Tabur", "Motif kecil ditaburkan merata di atas dasar kain."),
    ("bungo-cino", "Bungo Cino", "Bunga bergaya Tiongkok, jejak niaga Sriwijaya."),
    ("bungo-jatuh", "Bungo Jatuh", "Kuntum bunga yang seolah jatuh berserakan."),
    ("bungo-pacik", "Bungo Pacik", "Bunga dari benang perak atau putih, lembut."),
    ("limar", "Limar", "Pakan sutra diikat dan dicelup sebelum ditenun."),
    ("nago-besaung", "Nago Besaung", "Dua naga beradu, lambang kekuatan dan rezeki."),
    ("bintang-berakam", "Bintang Berakam", "Bintang bersudut delapan yang bertaut."),
    ("tretes-mender", "Tretes Mender", "Tepi bersulur tanpa motif di bagian tengah."),
    ("kembang-bintang", "Kembang Bintang", "Bunga bintang khas batik Palembang."),
    ("bunga-teratai", "Bunga Teratai", "Teratai Sungai Musi dalam warna cerah."),
    ("jembatan-ampera", "Jembatan Ampera", "Motif baru dari ikon kota Palembang."),
    ("kotak", "Kotak", "Kotak-kotak dari lajur lungsin dan pakan berwarna."),
    ("pelangi", "Pelangi", "Lingkaran celupan ikat jumputan yang berwarna-warni."),
]
MATERIALS = [
    ("sutra", "Sutra", "Benang sutra, berkilau dan jatuh lembut."),
    ("katun", "Katun", "Katun halus, sejuk untuk dipakai sehari-hari."),
    ("benang-emas", "Benang emas", "Benang berlapis emas untuk motif songket."),
]
TECHNIQUES = [
    ("songket-tenun-tangan", "Songket tenun tangan", "Ditenun di alat gedogan."),
    ("limar-ikat", "Limar ikat", "Pakan diikat dan dicelup sebelum ditenun."),
    ("tenun-tajung", "Tenun tajung", "Tenun lajur berwarna untuk kain sarung."),
    ("jumputan", "Jumputan", "Kain diikat jelujur lalu dicelup warna."),
    ("batik-tulis", "Batik tulis", "Malam dilukis dengan canting, helai demi helai."),
    ("batik-cap", "Batik cap", "Malam dicapkan dengan cap tembaga."),
]

SONGKET_SIZE = "Kain 200 x 90 cm, selendang 200 x 50 cm"
SONGKET_CARE = (
    "Cuci kering (dry clean) saja.\n"
    "Simpan tergulung dengan kertas bebas asam, jangan dilipat tajam.\n"
    "Jauhkan dari parfum dan sinar matahari langsung."
)
BATIK_CARE = (
    "Cuci dengan tangan memakai sabun lerak atau sampo bayi.\n"
    "Jangan diperas; jemur di tempat teduh.\n"
    "Setrika dari sisi dalam dengan suhu sedang."
)
TAJUNG_CARE = (
    "Cuci kering atau cuci tangan dengan air dingin.\n"
    "Jemur terbalik di tempat teduh; setrika suhu rendah."
)
SHIRT_CARE = (
    "Cuci tangan atau mesin dengan putaran lembut, air dingin.\n"
    "Jemur terbalik di tempat teduh agar warna awet."
)


def v(code, label, price, grams, stock):
    """One variant: SKU suffix, label, price (Rp), weight (g), opening stock."""
    return {
        "code": code,
        "label": label,
        "price": price,
        "grams": grams,
        "stock": stock,
    }


def shirt(price, stocks, grams=250, xl_extra=15_000):
    """The four sizes of a shirt; XL takes a little more cloth."""
    sizes = ("S", "M", "L", "XL")
    return [
        v(size, f"Ukuran {size}", price + (xl_extra if size == "XL" else 0), grams, n)
        for size, n in zip(sizes, stocks, strict=True)
    ]


def product(title, code, taxa, summary, text, picture, variants, size=""):
    """A product's data; ``taxa`` is (motif, material, technique) slugs."""
    motif, material, technique = taxa
    return {
        "title": title,
        "code": code,
        "motif": motif,
        "material": material,
        "technique": technique,
        "summary": summary,
        "text": text,
        "picture": picture,
        "variants": variants,
        "size": size,
    }


SONGKET = [
    product(
        "Songket Lepus Bintang Berakam",
        "LEP",
        ("bintang-berakam", "benang-emas", "songket-tenun-tangan"),
        "Songket lepus penuh benang emas dengan bintang bersudut delapan.",
        "Hampir seluruh permukaannya tertutup benang emas, dengan bintang "
        "berakam yang bertaut rapat. Dipakai pengantin dan dalam upacara adat.",
        {"style": "lepus", "ground": "maroon"},
        [
            v("MRH", "Merah marun, kain + selendang", 8_500_000, 1_150, 3),
            v("UNG", "Ungu terong, kain + selendang", 8_500_000, 1_150, 2),
            v("MRH-KN", "Merah marun, kain saja", 6_250_000, 850, 4),
        ],
    ),
    product(
        "Songket Tabur Bunga Cino",
        "TAB",
        ("bungo-cino", "sutra", "songket-tenun-tangan"),
        "Bunga cino ditabur di atas dasar sutra, ringan untuk acara keluarga.",
        "Kuntum bunga cino ditaburkan berjarak di atas dasar sutra, sehingga "
        "warnanya tetap tampak. Pilihan yang anggun untuk kondangan dan lebaran.",
        {"style": "tabur", "ground": "red"},
        [
            v("MRH", "Merah cabai", 3_250_000, 900, 6),
            v("HJU", "Hijau pupus", 3_250_000, 900, 5),
            v("UNG", "Ungu", 3_400_000, 900, 0),
        ],
    ),
    product(
        "Songket Limar",
        "LIM",
        ("limar", "sutra", "limar-ikat"),
        "Limar ikat sutra dengan bintang emas di antara celupannya.",
        "Benang pakan sutranya diikat dan dicelup sebelum ditenun, lalu "
        "diselingi bintang emas. Warnanya berpendar lembut di tepi motif.",
        {"style": "limar", "ground": "purple"},
        [
            v("UNG", "Ungu, kain saja", 4_750_000, 950, 3),
            v("SET", "Ungu, kain + selendang", 6_500_000, 1_200, 2),
        ],
    ),
    product(
        "Songket Nago Besaung",
        "NAG",
        ("nago-besaung", "benang-emas", "songket-tenun-tangan"),
        "Dua naga beradu dalam benang emas, songket untuk hari besar.",
        "Motif dua naga yang beradu melambangkan kekuatan dan rezeki yang "
        "datang dari dua arah. Tenunan rapat, dikerjakan sekitar tiga bulan.",
        {"style": "nago", "ground": "red"},
        [
            v("MRH", "Merah, kain + selendang", 12_500_000, 1_200, 2),
            v("HTM", "Hitam, kain + selendang", 12_500_000, 1_200, 1),
            v("EMS", "Merah, benang emas kuno", 15_000_000, 1_200, 1),
        ],
    ),
    product(
        "Songket Bungo Pacik",
        "PCK",
        ("bungo-pacik", "sutra", "songket-tenun-tangan"),
        "Bunga dari benang putih keperakan, songket yang kalem.",
        "Bungo pacik memakai benang putih atau perak, bukan emas, sehingga "
        "tampak teduh. Dulu dipakai pada masa berkabung, kini digemari karena "
        "kesederhanaannya.",
        {"style": "bungo", "ground": "green"},
        [
            v("HJU", "Hijau botol", 2_750_000, 850, 5),
            v("MRH", "Merah marun", 2_750_000, 850, 4),
        ],
    ),
    product(
        "Songket Lepus Rakam",
        "LPR",
        ("lepus", "benang-emas", "songket-tenun-tangan"),
        "Lepus rakam dengan benang emas halus, koleksi istimewa.",
        "Songket koleksi dengan benang emas halus yang ditenun sangat rapat. "
        "Setiap lembar dikerjakan satu penenun dari awal sampai akhir.",
        {"style": "lepus", "ground": "purple"},
        [
            v("UNG", "Ungu, kain + selendang", 15_000_000, 1_200, 0),
            v("MRH", "Merah marun, kain + selendang", 14_500_000, 1_200, 0),
        ],
    ),
    product(
        "Songket Tretes Mender",
        "TRT",
        ("tretes-mender", "sutra", "songket-tenun-tangan"),
        "Tepi bersulur emas dengan bidang tengah yang polos.",
        "Hiasan hanya pada tepi dan kepala kain, sedang bagian tengah dibiarkan "
        "polos. Mudah dipadukan dengan kebaya warna apa pun.",
        {"style": "bintang", "ground": "green"},
        [
            v("HJU", "Hijau, kain saja", 2_250_000, 800, 7),
            v("MRH", "Merah, kain saja", 2_250_000, 800, 0),
            v("SET", "Hijau, kain + selendang", 3_100_000, 1_050, 3),
        ],
    ),
    product(
        "Songket Bungo Jatuh",
        "BJT",
        ("bungo-jatuh", "sutra", "songket-tenun-tangan"),
        "Kuntum bunga berserakan, songket pertama yang pas untuk hadiah.",
        "Kuntum-kuntum bunganya seolah jatuh dan berserakan di atas kain. "
        "Songket yang ringan harganya, tetap ditenun tangan di Palembang.",
        {"style": "bungo", "ground": "red"},
        [
            v("MRH", "Merah, kain saja", 1_750_000, 1_000, 8),
            v("SET", "Merah, kain + selendang", 2_400_000, 1_150, 5),
        ],
    ),
    product(
        "Songket Bungo Intan",
        "BIN",
        ("tabur", "sutra", "songket-tenun-tangan"),
        "Bunga intan kecil berkilau di atas sutra ungu.",
        "Motif bunga kecil bersegi seperti intan yang diasah, ditabur rapat. "
        "Cocok untuk wisuda dan acara resmi.",
        {"style": "tabur", "ground": "purple"},
        [
            v("UNG", "Ungu", 2_100_000, 850, 6),
            v("SET", "Ungu, kain + selendang", 2_950_000, 1_100, 3),
        ],
    ),
    product(
        "Selendang Songket Nampan Perak",
        "NPR",
        ("tabur", "benang-emas", "songket-tenun-tangan"),
        "Selendang songket bermotif nampan, pelengkap kebaya.",
        "Selendang dengan motif nampan perak yang disusun berselang. Dapat "
        "dipakai tersampir di bahu atau sebagai penutup kepala.",
        {"style": "bintang", "ground": "maroon", "folded": False},
        [
            v("MRH", "Merah marun", 1_500_000, 600, 9),
            v("HJU", "Hijau", 1_500_000, 600, 4),
        ],
        size="Selendang 200 x 50 cm",
    ),
]

BATIK = [
    product(
        "Batik Palembang Kembang Bintang",
        "KBT",
        ("kembang-bintang", "katun", "batik-cap"),
        "Bunga bintang merah-krem khas batik Palembang.",
        "Batik Palembang memakai warna berani: merah, kuning dan krem. Motif "
        "kembang bintang dicap berulang lalu diberi isen titik-titik.",
        {"style": "batik", "ground": "maroon", "accent": "cream"},
        [
            v("CAP", "Katun, batik cap", 425_000, 300, 9),
            v("TLS", "Katun, batik tulis", 1_150_000, 320, 2),
        ],
    ),
    product(
        "Batik Palembang Bunga Teratai",
        "TRT",
        ("bunga-teratai", "katun", "batik-cap"),
        "Teratai Sungai Musi dalam warna cerah.",
        "Teratai yang tumbuh di rawa-rawa sekitar Sungai Musi menjadi motif "
        "yang ringan dan ceria, cocok untuk kemeja dan rok.",
        {"style": "batik", "ground": "green", "accent": "cream"},
        [
            v("HJU", "Hijau", 385_000, 300, 7),
            v("MRH", "Merah", 385_000, 300, 5),
            v("BRU", "Biru", 395_000, 300, 0),
        ],
    ),
    product(
        "Batik Palembang Jembatan Ampera",
        "AMP",
        ("jembatan-ampera", "katun", "batik-cap"),
        "Motif Jembatan Ampera, oleh-oleh dari Palembang.",
        "Motif baru yang mengangkat Jembatan Ampera dan perahu di Sungai Musi. "
        "Banyak dipilih sebagai oleh-oleh dan seragam kantor.",
        {"style": "batik", "ground": "navy", "accent": "red"},
        [
            v("CAP", "Katun, batik cap", 350_000, 300, 12),
            v("TLS", "Katun, batik tulis", 950_000, 320, 3),
        ],
    ),
    product(
        "Batik Palembang Sutra Kembang Tanjung",
        "KTJ",
        ("kembang-bintang", "sutra", "batik-tulis"),
        "Batik tulis di atas sutra, bunga tanjung yang harum.",
        "Dilukis dengan canting di atas sutra, helai demi helai, dengan "
        "pewarna yang dicelup berulang. Sutranya jatuh lembut di badan.",
        {"style": "batik", "ground": "purple", "accent": "cream"},
        [
            v("UNG", "Ungu", 1_500_000, 280, 2),
            v("MRH", "Merah", 1_350_000, 280, 3),
        ],
    ),
    product(
        "Batik Palembang Bungo Cino",
        "BCN",
        ("bungo-cino", "katun", "batik-cap"),
        "Bunga cino dari songket dipindahkan ke batik.",
        "Motif bunga cino yang biasa ditenun pada songket dipindahkan ke batik "
        "cap, sehingga bisa dipakai sehari-hari.",
        {"style": "batik", "ground": "red", "accent": "cream"},
        [
            v("MRH", "Merah", 450_000, 310, 6),
            v("HTM", "Hitam", 475_000, 310, 4),
        ],
    ),
    product(
        "Kain Jumputan Pelangi",
        "JMP",
        ("pelangi", "katun", "jumputan"),
        "Jumputan berwarna pelangi, diikat dan dicelup tangan.",
        "Kain diikat dengan jelujur benang lalu dicelup beberapa kali, sehingga "
        "lingkaran-lingkarannya sedikit berbeda satu dengan lainnya.",
        {"style": "jumputan", "ground": "red", "accent": "cream"},
        [
            v("KTN", "Katun", 375_000, 280, 10),
            v("STR", "Sutra", 650_000, 250, 4),
            v("SET", "Sutra, kain + selendang", 850_000, 380, 2),
        ],
    ),
    product(
        "Kain Jumputan Tabur Titik",
        "JTT",
        ("pelangi", "sutra", "jumputan"),
        "Titik-titik jumputan halus di atas sutra hijau.",
        "Titik-titik kecil ditabur seperti motif tabur pada songket, hasil "
        "ikatan yang rapat dan celupan yang sabar.",
        {"style": "jumputan", "ground": "green", "accent": "cream"},
        [
            v("HJU", "Hijau", 420_000, 260, 5),
            v("UNG", "Ungu", 520_000, 260, 3),
        ],
    ),
    product(
        "Batik Palembang Motif Songket Lepus",
        "BSL",
        ("lepus", "katun", "batik-cap"),
        "Corak lepus songket dalam batik cap, ringan dan terjangkau.",
        "Corak lepus yang biasanya ditenun dengan benang emas kini dicap di "
        "atas katun, ringan untuk dipakai ke kantor.",
        {"style": "batik", "ground": "brown", "accent": "cream"},
        [
            v("CKL", "Cokelat", 395_000, 300, 6),
            v("MRH", "Merah", 410_000, 300, 0),
        ],
    ),
]

TAJUNG_SIZE = "Sarung 110 x 190 cm, sudah dijahit"
TAJUNG = [
    product(
        "Kain Tajung Sutra Motif Kotak",
        "KTK",
        ("kotak", "sutra", "tenun-tajung"),
        "Sarung tajung sutra bermotif kotak, dipakai lelaki Palembang.",
        "Tajung adalah sarung tenun lelaki Palembang. Kotak-kotaknya lahir "
        "dari lajur benang lungsin dan pakan yang berganti warna.",
        {"style": "tajung", "ground": "maroon", "accent": "navy"},
        [
            v("MRH", "Merah marun", 850_000, 450, 5),
            v("BRU", "Biru dongker", 850_000, 450, 6),
            v("HJU", "Hijau", 850_000, 450, 0),
        ],
    ),
    product(
        "Kain Tajung Sutra Belang",
        "BLG",
        ("kotak", "sutra", "tenun-tajung"),
        "Tajung sutra bergaris lebar untuk salat Jumat dan hari raya.",
        "Garis-garis lebar berselang warna, ditenun dari sutra yang dipintal "
        "halus. Dingin dipakai dan jatuhnya rapi.",
        {"style": "tajung", "ground": "navy", "accent": "green"},
        [
            v("BRU", "Biru", 950_000, 460, 4),
            v("HTM", "Hitam", 1_050_000, 460, 3),
        ],
    ),
    product(
        "Kain Tajung Blongsong Limar",
        "BLS",
        ("limar", "sutra", "limar-ikat"),
        "Tajung dengan sisipan limar ikat, untuk akad nikah.",
        "Di antara lajur kotaknya disisipkan pakan limar yang diikat dan "
        "dicelup. Sering dipakai mempelai lelaki pada akad nikah.",
        {"style": "tajung", "ground": "purple", "accent": "red"},
        [
            v("UNG", "Ungu", 1_200_000, 480, 2),
            v("MRH", "Merah", 1_100_000, 480, 3),
        ],
    ),
    product(
        "Kain Tajung Katun Kotak Kecil",
        "KKC",
        ("kotak", "katun", "tenun-tajung"),
        "Tajung katun kotak kecil untuk dipakai sehari-hari.",
        "Tajung dari katun yang kuat dan mudah dicuci, dengan kotak kecil "
        "yang rapi. Sarung harian untuk di rumah dan ke masjid.",
        {"style": "tajung", "ground": "green", "accent": "navy"},
        [
            v("HJU", "Hijau", 450_000, 520, 11),
            v("BRU", "Biru", 475_000, 520, 8),
        ],
    ),
    product(
        "Kain Tajung Rumpak Benang Emas",
        "RMP",
        ("tabur", "sutra", "tenun-tajung"),
        "Tajung rumpak bertabur benang emas, gagah untuk acara adat.",
        "Rumpak menambahkan tabur benang emas di atas kotak tajung, sehingga "
        "sarung ini serasi dipadukan dengan teluk belanga.",
        {"style": "tajung", "ground": "black", "accent": "maroon"},
        [
            v("HTM", "Hitam", 1_150_000, 500, 3),
            v("MRH", "Merah marun", 1_150_000, 500, 2),
        ],
    ),
    product(
        "Kain Tajung Sutra Kotak Halus",
        "KTH",
        ("kotak", "sutra", "tenun-tajung"),
        "Kotak halus dari sutra, tajung yang rapi untuk ke kantor.",
        "Kotaknya kecil dan warnanya tenang, sehingga sarung ini pantas untuk "
        "acara resmi maupun dipakai sebagai hadiah.",
        {"style": "tajung", "ground": "brown", "accent": "green"},
        [
            v("CKL", "Cokelat", 990_000, 450, 4),
            v("BRU", "Biru", 990_000, 450, 5),
        ],
    ),
    product(
        "Kain Tajung Katun Petak Sembilan",
        "PTS",
        ("kotak", "katun", "tenun-tajung"),
        "Petak sembilan yang tegas, tajung katun untuk anak muda.",
        "Petak-petak besar yang tersusun sembilan-sembilan, tenunan katun "
        "yang tebal dan awet.",
        {"style": "tajung", "ground": "red", "accent": "black"},
        [
            v("MRH", "Merah", 525_000, 520, 7),
            v("HTM", "Hitam", 550_000, 520, 6),
        ],
    ),
]

SHIRT_SIZE = "S, M, L, XL (lingkar dada 100, 106, 112, 118 cm)"
SHIRTS = [
    product(
        "Kemeja Batik Jumputan Lengan Panjang",
        "JLP",
        ("pelangi", "katun", "jumputan"),
        "Kemeja jumputan lengan panjang, dijahit di Palembang.",
        "Kain jumputan yang diikat dan dicelup tangan dijahit menjadi kemeja "
        "lengan panjang berpotongan lurus dengan saku di dada.",
        {"style": "jumputan", "ground": "red", "accent": "cream", "shirt": True},
        shirt(325_000, (4, 8, 6, 2)),
    ),
    product(
        "Kemeja Batik Kembang Bintang Lengan Pendek",
        "KBP",
        ("kembang-bintang", "katun", "batik-cap"),
        "Kemeja batik cap lengan pendek, ringan untuk sehari-hari.",
        "Batik cap kembang bintang dijahit menjadi kemeja lengan pendek. "
        "Katunnya sejuk untuk udara Palembang yang panas.",
        {"style": "batik", "ground": "maroon", "accent": "cream", "shirt": True},
        shirt(250_000, (6, 10, 9, 5), grams=240),
    ),
    product(
        "Kemeja Batik Tulis Sutra Lengan Panjang",
        "TSL",
        ("kembang-bintang", "sutra", "batik-tulis"),
        "Kemeja batik tulis sutra, berlapis furing.",
        "Sutra batik tulis dijahit dengan furing katun agar nyaman dipakai "
        "seharian di acara resmi.",
        {"style": "batik", "ground": "purple", "accent": "cream", "shirt": True},
        shirt(850_000, (1, 3, 2, 0), grams=280, xl_extra=25_000),
    ),
    product(
        "Kemeja Batik Motif Songket Lepus Lengan Panjang",
        "MSL",
        ("lepus", "katun", "batik-cap"),
        "Corak songket lepus pada kemeja batik lengan panjang.",
        "Kemeja yang meminjam corak songket lepus, dicap di atas katun. "
        "Pilihan untuk kondangan tanpa harus memakai songket.",
        {"style": "batik", "ground": "brown", "accent": "cream", "shirt": True},
        shirt(375_000, (3, 5, 5, 2), grams=260),
    ),
    product(
        "Kemeja Batik Jembatan Ampera Lengan Pendek",
        "AMP",
        ("jembatan-ampera", "katun", "batik-cap"),
        "Kemeja batik Ampera, seragam kantor dan oleh-oleh.",
        "Motif Jembatan Ampera dan perahu ketek di atas katun biru, dijahit "
        "lengan pendek dengan kerah biasa.",
        {"style": "batik", "ground": "navy", "accent": "red", "shirt": True},
        shirt(265_000, (5, 12, 8, 4), grams=240),
    ),
    product(
        "Kemeja Batik Jumputan Pelangi Lengan Pendek",
        "JPP",
        ("pelangi", "katun", "jumputan"),
        "Jumputan hijau pelangi, kemeja santai lengan pendek.",
        "Lingkaran-lingkaran jumputan hijau dan krem, dijahit menjadi kemeja "
        "lengan pendek yang santai.",
        {"style": "jumputan", "ground": "green", "accent": "cream", "shirt": True},
        shirt(285_000, (0, 4, 6, 3), grams=240),
    ),
    product(
        "Kemeja Batik Cap Bunga Teratai Lengan Panjang",
        "BTL",
        ("bunga-teratai", "katun", "batik-cap"),
        "Teratai Sungai Musi pada kemeja lengan panjang.",
        "Batik cap bunga teratai berwarna hijau, dijahit lengan panjang "
        "dengan manset berkancing dua.",
        {"style": "batik", "ground": "green", "accent": "cream", "shirt": True},
        shirt(345_000, (2, 6, 4, 3), grams=260),
    ),
]

CATEGORIES = [
    {
        "slug": "songket",
        "title": "Songket",
        "prefix": "SGK",
        "intro": "Songket tenun tangan Palembang: sutra dan benang emas.",
        "about": "Setiap songket ditenun tangan oleh penenun di Palembang dan "
        "dapat berbeda sedikit dari foto. Sebagian besar dijual sebagai kain "
        "dengan selendang yang serasi.",
        "size": SONGKET_SIZE,
        "care": SONGKET_CARE,
        "products": SONGKET,
    },
    {
        "slug": "batik-palembang",
        "title": "Batik Palembang",
        "prefix": "BTK",
        "intro": "Batik dan jumputan Palembang yang berwarna berani.",
        "about": "Warna batik tulis dan jumputan dapat sedikit berbeda antara "
        "satu lembar dan lainnya; itulah tanda kerja tangan.",
        "size": "Kain 210 x 110 cm",
        "care": BATIK_CARE,
        "products": BATIK,
    },
    {
        "slug": "kain-tajung",
        "title": "Kain Tajung",
        "prefix": "TJG",
        "intro": "Sarung tenun lelaki Palembang, dari sutra dan katun.",
        "about": "Tajung dikirim sudah dijahit menjadi sarung. Kain tanpa "
        "jahitan dapat dipesan lewat WhatsApp.",
        "size": TAJUNG_SIZE,
        "care": TAJUNG_CARE,
        "products": TAJUNG,
    },
    {
        "slug": "kemeja-batik",
        "title": "Kemeja Batik",
        "prefix": "KMJ",
        "intro": "Kemeja batik dan jumputan yang dijahit di Palembang.",
        "about": "Kemeja berpotongan reguler. Bila ragu memilih ukuran, "
        "kirimkan lingkar dada Anda lewat WhatsApp.",
        "size": SHIRT_SIZE,
        "care": SHIRT_CARE,
        "products": SHIRTS,
    },
]


def load_taxonomies():
    """Create the motifs, materials and techniques the catalogue uses."""
    found = {}
    for model, rows in (
        (Motif, MOTIFS),
        (Material, MATERIALS),
        (Technique, TECHNIQUES),
    ):
        for slug, name, description in rows:
            found[slug], _ = model.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description}
            )
    return found


def sku(category, number, data, variant):
    """A SKU such as ``SGK-LEP-01-MRH``."""
    return f"{category['prefix']}-{data['code']}-{number:02d}-{variant['code']}"


def build_product(category, number, data, taxa):
    """An unsaved product page with its variants and gallery."""
    images = get_product_images(data["picture"], data["title"])
    return ProductPage(
        title=data["title"],
        slug=slugify(data["title"]),
        summary=data["summary"],
        description=f"<p>{data['text']}</p><p>{category['about']}</p>",
        motif=taxa[data["motif"]],
        material=taxa[data["material"]],
        technique=taxa[data["technique"]],
        origin="Palembang, Sumatera Selatan",
        size=data["size"] or category["size"],
        care=category["care"],
        gallery=[
            ProductImage(image=image, caption=f"{data['title']}, foto {n}")
            for n, image in enumerate(images, start=1)
        ],
        variants=[
            ProductVariant(
                sku=sku(category, number, data, variant),
                label=variant["label"],
                price=variant["price"],
                weight_grams=variant["grams"],
            )
            for variant in data["variants"]
        ],
    )


def stock_opening(page, data):
    """Give new variants their opening stock; stock already there stays."""
    wanted = {variant["label"]: variant["stock"] for variant in data["variants"]}
    counted = set(
        StockLevel.objects.filter(variant__page=page).values_list("variant", flat=True)
    )
    for variant in page.variants.all():
        if variant.pk not in counted:
            set_initial_stock(variant, wanted[variant.label], note="Stok awal")


def load_category(home, category, taxa):
    """The category page and its products, as a dict of slug to product."""
    index, _ = add_child(
        home,
        ProductIndexPage(
            title=category["title"],
            slug=category["slug"],
            intro=f"<p>{category['intro']}</p>",
            show_in_menus=True,
        ),
    )
    products = {}
    for number, data in enumerate(category["products"], start=1):
        page = get_child(index, ProductPage, slugify(data["title"]))
        if page is None:
            page, _ = add_child(index, build_product(category, number, data, taxa))
        stock_opening(page, data)
        products[page.slug] = page
    return products


def load_catalogue(home):
    """All four categories with their products, keyed by product slug."""
    taxa = load_taxonomies()
    products = {}
    for category in CATEGORIES:
        products.update(load_category(home, category, taxa))
    logger.info("Demo catalogue holds %s products", len(products))
    return products
