"""Culture stories of the demo shop, written in Indonesian."""

import logging

from home.models import StoryIndexPage, StoryPage, StoryProduct
from shop.models import Motif

from .images import SCENE_ALT, draw_scene, get_or_draw
from .pages import add_child, get_child

logger = logging.getLogger(__name__)

INDEX = {
    "slug": "cerita",
    "title": "Cerita Budaya",
    "intro": "<p>Kisah di balik kain Palembang: sejarahnya, motifnya, dan tangan "
    "yang menenunnya.</p>",
}

STORIES = [
    {
        "slug": "songket-di-istana-kesultanan-palembang",
        "title": "Songket di Istana Kesultanan Palembang Darussalam",
        "intro": "Dari busana raja dan bangsawan sampai kain pengantin hari ini: "
        "bagaimana songket menjadi kebanggaan Palembang.",
        "motif": "lepus",
        "region": "Palembang, Sumatera Selatan",
        "scene": "songket",
        "paragraphs": [
            "Jauh sebelum ada toko kain di Palembang, songket sudah ditenun di "
            "lingkungan istana. Pada masa Kesultanan Palembang Darussalam, kain "
            "bertabur benang emas menjadi pakaian raja, keluarga bangsawan, dan "
            "para pembesar dalam upacara kerajaan.",
            "Benang emas dan sutra datang lewat jalur niaga di Sungai Musi, dari "
            "pedagang Tiongkok, India, dan Arab. Itulah sebabnya sebagian motif "
            "songket, seperti bungo cino, menyimpan jejak negeri-negeri seberang, "
            "sementara motif lain mengambil bentuk dari alam sekitar: bunga, "
            "pucuk rebung, dan bintang.",
            "Di istana, jenis dan warna songket menunjukkan kedudukan pemakainya. "
            "Songket lepus yang hampir seluruhnya tertutup emas hanya dipakai "
            "pada kesempatan paling agung, sedang songket tabur dengan motif "
            "berjarak dipakai lebih sering.",
            "Setelah kesultanan berakhir pada abad kesembilan belas, keterampilan "
            "menenun tidak hilang. Ia berpindah ke rumah-rumah penenun di tepi "
            "Musi, di kampung seperti 30 Ilir dan 32 Ilir, dan diwariskan dari "
            "ibu kepada anak perempuannya.",
            "Kini songket dipakai siapa saja: pengantin, penari tanggai, wisudawan, "
            "dan tamu kondangan. Tetapi setiap lembarnya tetap membawa sesuatu "
            "dari istana itu: rasa hormat pada kain yang ditenun dengan sabar.",
        ],
        "image": ("songket", "Songket lepus dengan tumpal di kepala kain."),
        "quote": (
            "Nenek saya bilang, songket itu bukan dipakai untuk pamer, tetapi "
            "untuk menghormati acara dan orang yang kita datangi.",
            "Cek Ida, penenun di 30 Ilir",
        ),
        "gallery": [
            ("songket", "Songket tabur untuk tamu kondangan."),
            ("lepus", "Lepus, benang emas menutupi dasar kain."),
            ("limar", "Limar, celupan ikat di antara bintang emas."),
        ],
        "products": [
            "songket-lepus-bintang-berakam",
            "songket-nago-besaung",
            "songket-tabur-bunga-cino",
        ],
    },
    {
        "slug": "motif-lepus-kain-yang-tertutup-emas",
        "title": "Motif Lepus: Kain yang Tertutup Emas",
        "intro": "Lepus berarti tertutup. Pada songket lepus, benang emas hampir "
        "tidak menyisakan dasar kain.",
        "motif": "lepus",
        "region": "Palembang",
        "scene": "lepus",
        "paragraphs": [
            "Dalam bahasa Palembang, lepus berarti menutupi. Nama itu tepat: pada "
            "songket lepus, benang emas disisipkan begitu rapat sehingga warna "
            "dasar kain hanya mengintip di sela-sela motif.",
            "Menenun lepus membutuhkan kesabaran yang luar biasa. Penenun harus "
            "mengangkat benang lungsin satu per satu dengan lidi untuk setiap "
            "baris benang emas. Satu lembar kain dan selendang dapat memakan "
            "waktu dua sampai tiga bulan.",
            "Lepus jarang berdiri sendiri. Ia biasanya dipadukan dengan motif "
            "lain, misalnya bintang berakam, bintang bersudut delapan yang "
            "saling bertaut, atau bungo cino. Dari situ lahir nama seperti "
            "lepus bintang berakam dan lepus bungo cino.",
            "Karena harganya dan beratnya, songket lepus dahulu menjadi kain "
            "pusaka yang disimpan dan diwariskan. Banyak keluarga Palembang masih "
            "menyimpan selembar lepus milik nenek mereka untuk dipakai pengantin.",
        ],
        "image": ("lepus", "Bintang berakam di atas dasar merah marun."),
        "quote": (
            "Kalau benang emasnya rapat dan kainnya tidak bergelombang, itu tanda "
            "penenunnya tidak tergesa-gesa.",
            "Pak Syarifuddin, pedagang songket di Pasar 16 Ilir",
        ),
        "gallery": [],
        "products": [
            "songket-lepus-bintang-berakam",
            "songket-lepus-rakam",
            "batik-palembang-motif-songket-lepus",
        ],
    },
    {
        "slug": "limar-ikat-celup-sebelum-ditenun",
        "title": "Limar: Diikat dan Dicelup Sebelum Ditenun",
        "intro": "Limar lahir dari benang pakan yang diikat dan dicelup, sehingga "
        "motifnya sudah ada sebelum kain ditenun.",
        "motif": "limar",
        "region": "Palembang dan Ogan Ilir",
        "scene": "limar",
        "paragraphs": [
            "Limar adalah tenun ikat pakan. Sebelum ditenun, benang sutra untuk "
            "pakan direntangkan, lalu bagian-bagian tertentu diikat rapat dengan "
            "tali rafia atau serat agar tidak terkena warna saat dicelup.",
            "Benang itu dicelup, dijemur, diikat ulang dan dicelup lagi untuk "
            "setiap warna. Ketika ikatan dibuka, benang menyimpan pola warna "
            "yang akan muncul sebagai motif saat ditenun.",
            "Karena benang sedikit bergeser di alat tenun, tepi motif limar "
            "selalu tampak berpendar, seperti dilihat dari balik air. Itulah "
            "ciri limar yang tidak bisa ditiru mesin.",
            "Penenun Palembang sering menggabungkan limar dengan benang emas, "
            "menjadi songket limar. Ada pula tajung blongsong, sarung lelaki "
            "yang lajur kotaknya diselingi pakan limar.",
        ],
        "image": ("limar", "Tepi motif limar yang berpendar lembut."),
        "quote": (
            "Ikatannya harus kuat, tetapi tangan harus sabar. Sekali salah "
            "ikat, motifnya ikut salah di seluruh kain.",
            "Yuk Marni, penenun limar",
        ),
        "gallery": [
            ("limar", "Benang pakan setelah ikatannya dibuka."),
            ("tajung", "Tajung blongsong dengan sisipan limar."),
        ],
        "products": ["songket-limar", "kain-tajung-blongsong-limar"],
    },
    {
        "slug": "kain-tajung-sarung-lelaki-palembang",
        "title": "Kain Tajung, Sarung Lelaki Palembang",
        "intro": "Dari salat Jumat sampai akad nikah: tajung adalah kain yang "
        "menemani lelaki Palembang.",
        "motif": "kotak",
        "region": "Palembang",
        "scene": "tajung",
        "paragraphs": [
            "Bila songket identik dengan perempuan, tajung adalah kain para "
            "lelaki. Tajung ditenun dari sutra atau katun dalam lajur-lajur "
            "berwarna, sehingga membentuk kotak-kotak yang tegas.",
            "Dahulu tajung dipakai sehari-hari, ke masjid, ke pasar, bahkan ke "
            "kantor. Kini ia lebih sering tampil pada hari raya dan acara adat, "
            "dipadukan dengan baju teluk belanga dan tanjak di kepala.",
            "Ada beberapa ragam tajung. Tajung sutra kotak adalah yang paling "
            "dikenal; tajung rumpak ditaburi benang emas; tajung blongsong "
            "diselingi pakan limar yang diikat dan dicelup.",
            "Pada akad nikah di Palembang, mempelai lelaki kerap memakai tajung "
            "yang warnanya serasi dengan songket mempelai perempuan, tanda "
            "bahwa dua keluarga kini menjadi satu.",
        ],
        "image": ("tajung", "Lajur lungsin dan pakan membentuk kotak tajung."),
        "quote": (
            "Ayah saya punya tiga tajung: satu untuk Jumat, satu untuk hari "
            "raya, dan satu yang disimpan untuk menikahkan anaknya.",
            "Kgs. Anwar, pelanggan sejak 1998",
        ),
        "gallery": [],
        "products": [
            "kain-tajung-sutra-motif-kotak",
            "kain-tajung-rumpak-benang-emas",
            "kain-tajung-sutra-belang",
        ],
    },
    {
        "slug": "jumputan-ikat-celup-warna-pelangi",
        "title": "Jumputan: Ikat, Celup, dan Warna Pelangi",
        "intro": "Kain jumputan Palembang, yang juga disebut kain pelangi, lahir "
        "dari jelujur benang dan celupan warna yang berani.",
        "motif": "pelangi",
        "region": "Palembang",
        "scene": "jumputan",
        "paragraphs": [
            "Jumputan berasal dari kata jumput, mengambil sedikit dengan ujung "
            "jari. Perajin mencubit sedikit kain, mengikatnya dengan benang, lalu "
            "mencelupkan kain ke dalam pewarna.",
            "Bagian yang terikat tidak terkena warna, sehingga setelah ikatan "
            "dibuka muncullah lingkaran, titik, dan garis. Dengan mengikat dan "
            "mencelup berulang kali, perajin dapat memakai lima warna atau lebih "
            "pada satu kain.",
            "Jumputan Palembang terkenal karena warnanya yang cerah: merah, "
            "kuning, hijau, dan ungu yang saling bertumpuk. Karena itu orang "
            "Palembang juga menyebutnya kain pelangi.",
            "Setiap lingkaran jumputan sedikit berbeda dari lingkaran di "
            "sebelahnya. Itu bukan cacat, melainkan tanda bahwa kain dikerjakan "
            "dengan tangan, satu ikatan demi satu ikatan.",
        ],
        "image": ("jumputan", "Lingkaran jumputan setelah ikatannya dibuka."),
        "quote": (
            "Satu kain bisa sampai seribu ikatan. Kalau dihitung, kami tidak "
            "akan pernah mulai.",
            "Bu Rohana, perajin jumputan di Tuan Kentang",
        ),
        "gallery": [
            ("jumputan", "Jumputan merah dan krem."),
            ("jumputan", "Jumputan hijau untuk kemeja."),
            ("batik", "Batik Palembang yang sering dipadukan dengan jumputan."),
        ],
        "products": [
            "kain-jumputan-pelangi",
            "kemeja-batik-jumputan-lengan-panjang",
            "kemeja-batik-jumputan-pelangi-lengan-pendek",
        ],
    },
    {
        "slug": "menenun-songket-di-gedogan",
        "title": "Menenun Songket di Alat Tenun Gedogan",
        "intro": "Lungsin, pakan, lidi, dan benang emas: setahap demi setahap "
        "selembar songket dibuat di alat tenun tradisional.",
        "motif": "tabur",
        "region": "Palembang dan Ogan Ilir",
        "scene": "loom",
        "paragraphs": [
            "Songket Palembang ditenun di alat tenun tradisional yang disebut "
            "gedogan, atau dayan. Penenun duduk di lantai, dan sebilah papan di "
            "punggungnya menegangkan benang lungsin yang terbentang di depannya.",
            "Sebelum menenun, benang lungsin disusun satu per satu, bisa lebih "
            "dari dua ribu helai untuk selembar kain. Motif kemudian disiapkan "
            "dengan lidi-lidi kecil yang mengangkat benang lungsin tertentu.",
            "Setiap kali benang emas akan disisipkan, penenun mengangkat lidi "
            "yang tepat, memasukkan benang emas, lalu merapatkannya dengan "
            "belida, sebilah kayu pipih. Baru setelah itu benang pakan sutra "
            "biasa ditenun di antaranya.",
            "Dalam sehari, seorang penenun mahir mungkin hanya menyelesaikan "
            "beberapa sentimeter kain. Karena itu selembar songket tabur dapat "
            "memakan waktu tiga minggu, dan songket lepus dua sampai tiga bulan.",
        ],
        "image": ("loom", "Benang lungsin terbentang di alat tenun gedogan."),
        "quote": (
            "Punggung saya yang menegangkan benangnya. Kalau saya lelah, "
            "kainnya ikut kendur.",
            "Cek Ida, penenun di 30 Ilir",
        ),
        "gallery": [
            ("loom", "Kain yang tumbuh sedikit demi sedikit."),
            ("songket", "Songket tabur yang baru turun dari alat tenun."),
        ],
        "products": [
            "songket-bungo-jatuh",
            "songket-bungo-intan",
            "songket-tretes-mender",
            "songket-bungo-pacik",
        ],
    },
    {
        "slug": "merawat-songket-agar-awet",
        "title": "Merawat Songket agar Awet Puluhan Tahun",
        "intro": "Songket yang dirawat dengan benar dapat diwariskan kepada anak "
        "dan cucu. Begini cara menyimpannya.",
        "motif": "bungo-jatuh",
        "region": "",
        "scene": "songket",
        "paragraphs": [
            "Musuh utama songket adalah lipatan, lembap, dan parfum. Lipatan "
            "yang tajam membuat benang emas patah, lembap mengundang jamur, dan "
            "parfum membuat benang emas kusam dan menghitam.",
            "Setelah dipakai, angin-anginkan songket di tempat teduh, jangan "
            "langsung disimpan. Bila kotor, bawa ke penatu yang biasa menangani "
            "cuci kering; jangan sekali-kali dicuci dengan mesin.",
            "Simpan songket dengan cara digulung pada tabung karton yang dilapisi "
            "kertas bebas asam, bukan dilipat. Bila harus dilipat, ubahlah "
            "letak lipatannya setiap beberapa bulan.",
            "Letakkan kapur barus atau akar wangi di dalam lemari, tetapi jangan "
            "sampai menyentuh kain. Sesekali keluarkan songket dan angin-anginkan "
            "agar benangnya tetap bernapas.",
        ],
        "image": ("songket", "Songket digulung dengan kertas bebas asam."),
        "quote": (
            "Songket ibu saya sudah berumur empat puluh tahun, dan emasnya "
            "masih menyala karena tidak pernah disemprot parfum.",
            "Nyimas Aisyah, pelanggan di Jakarta",
        ),
        "gallery": [],
        "products": [
            "songket-bungo-jatuh",
            "selendang-songket-nampan-perak",
            "songket-lepus-bintang-berakam",
        ],
    },
]


def story_image(story, kind, number, size=(1200, 800)):
    """A drawn picture for a story, found by its title on later runs."""
    title = f"Cerita – {story['title']} – {number}"
    return get_or_draw(title, lambda: draw_scene(kind, size, title), SCENE_ALT[kind])


def image_value(image, alt, caption):
    """The raw value of a captioned image block."""
    return {
        "image": {"image": image.pk, "alt_text": alt, "decorative": False},
        "caption": caption,
    }


def gallery_block(story):
    """A gallery block of the story's extra pictures, or None."""
    if not story["gallery"]:
        return None
    items = [
        image_value(story_image(story, kind, n, (800, 600)), caption, caption)
        for n, (kind, caption) in enumerate(story["gallery"], start=3)
    ]
    return {"type": "gallery", "value": {"images": items}}


def story_body(story):
    """The story's StreamField body as raw block data."""
    kind, caption = story["image"]
    text, source = story["quote"]
    image = story_image(story, kind, 2)
    paragraphs = [
        {"type": "paragraph", "value": f"<p>{p}</p>"} for p in story["paragraphs"]
    ]
    body = paragraphs[:2]
    body.append({"type": "image", "value": image_value(image, caption, caption)})
    body.append(paragraphs[2])
    body.append({"type": "quote", "value": {"text": text, "source": source}})
    body.extend(paragraphs[3:])
    gallery = gallery_block(story)
    if gallery:
        body.append(gallery)
    return body


def build_story(story, products):
    """An unsaved story page with its body and related products."""
    hero = story_image(story, story["scene"], 1, (1200, 700))
    return StoryPage(
        title=story["title"],
        slug=story["slug"],
        intro=story["intro"],
        hero_image=hero,
        body=story_body(story),
        motif=Motif.objects.filter(slug=story["motif"]).first(),
        region=story["region"],
        related_products=[
            StoryProduct(product=products[slug]) for slug in story["products"]
        ],
    )


def load_stories(home, products):
    """The story index and its stories; returns the story pages."""
    index, _ = add_child(home, StoryIndexPage(show_in_menus=True, **INDEX))
    pages = []
    for story in STORIES:
        page = get_child(index, StoryPage, story["slug"])
        if page is None:
            page, _ = add_child(index, build_story(story, products))
        pages.append(page)
    logger.info("Demo stories: %s", len(pages))
    return pages
