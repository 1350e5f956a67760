"""The demo site's frame: home page, plain pages, the Site and shop settings."""

import logging

from wagtail.models import Page, Site

from home.models import HomeFeaturedProduct, HomePage, StandardPage
from shop.models import BankAccount, ShopSettings

from .images import SCENE_ALT, draw_scene, get_or_draw
from .pages import add_child

logger = logging.getLogger(__name__)

HOSTNAME = "127.0.0.1"
PORT = 8000
FEATURED = [
    "songket-lepus-bintang-berakam",
    "songket-tabur-bunga-cino",
    "songket-limar",
    "batik-palembang-kembang-bintang",
    "kain-tajung-sutra-motif-kotak",
    "kemeja-batik-jumputan-lengan-panjang",
]

HOME = {
    "title": "Songket Palembang",
    "hero_title": "Kain tenun Palembang, langsung dari penenunnya",
    "hero_text": "Songket, batik Palembang, kain tajung dan kemeja batik yang "
    "ditenun dan dibatik tangan di Palembang, dikirim ke seluruh Indonesia.",
    "promotion_title": "Gratis selendang untuk songket set pengantin",
    "promotion_text": "Setiap pembelian songket set kain dan selendang bulan ini "
    "mendapat kotak penyimpanan kayu dan kertas bebas asam.",
}

ABOUT = """
<p>Songket Palembang adalah usaha keluarga di tepi Sungai Musi. Sejak tiga
generasi kami menenun songket dan menjual kain Palembang dari sebuah toko kecil
di dekat Pasar 16 Ilir.</p>
<h2>Penenun kami</h2>
<p>Kain kami ditenun oleh dua belas penenun di Palembang dan Ogan Ilir. Mereka
bekerja di rumah masing-masing dengan alat tenun gedogan, dan kami membayar
setiap lembar kain dengan harga yang disepakati sebelum benang dibeli.</p>
<h2>Mengapa membeli dari kami</h2>
<ul>
<li>Setiap kain diperiksa helai demi helai sebelum dikirim.</li>
<li>Foto diambil dari kain yang sama dengan yang Anda terima.</li>
<li>Kami menjawab pertanyaan lewat WhatsApp setiap hari pukul 08.00–20.00.</li>
</ul>
"""

HOW_TO_ORDER = """
<h2>1. Pilih kain</h2>
<p>Pilih produk, warna atau ukuran, lalu tekan <b>Tambah ke keranjang</b>.</p>
<h2>2. Isi alamat dan pilih kurir</h2>
<p>Di halaman pembayaran, isi nama, nomor telepon dan alamat lengkap, lalu pilih
kota tujuan. Ongkos kirim JNE atau J&amp;T dihitung dari berat kain yang
dibulatkan ke atas per kilogram.</p>
<h2>3. Transfer sesuai jumlah yang tertera</h2>
<p>Kami menerima transfer bank ke rekening BCA dan Bank Sumsel Babel atas nama
CV Songket Palembang. Jumlah yang harus ditransfer sudah termasuk
<b>kode unik</b>: angka 1 sampai 999 rupiah yang ditambahkan ke total belanja,
misalnya Rp 1.768.127. Mohon transfer tepat sampai tiga digit terakhir, karena
kode unik itulah yang membuat transfer Anda langsung kami kenali.</p>
<h2>4. Konfirmasi pembayaran</h2>
<p>Setelah transfer, buka halaman pesanan dan kirimkan foto bukti transfer.
Pesanan yang belum dibayar dalam 24 jam akan dibatalkan otomatis.</p>
<h2>5. Kain dikirim</h2>
<p>Setelah pembayaran kami periksa, kain dikemas dan dikirim dalam satu hari
kerja. Nomor resi dikirim ke email Anda.</p>
"""

SHIPPING_AND_RETURNS = """
<h2>Pengiriman</h2>
<p>Semua pesanan dikirim dari Palembang dengan JNE (REG atau YES) atau J&amp;T
(EZ). Ongkos kirim dihitung per kilogram; satu set songket beratnya sekitar
satu kilogram, satu kemeja sekitar 250 gram.</p>
<p>Kain dikemas dalam kertas bebas asam, plastik dan kardus tebal, sehingga
aman dari hujan dan lipatan tajam.</p>
<h2>Penukaran dan pengembalian</h2>
<p>Bila kain yang Anda terima rusak atau tidak sesuai pesanan, hubungi kami
dalam tujuh hari sejak diterima. Kirim foto kain dan nomor pesanan lewat
WhatsApp atau email; kami akan mengganti kain atau mengembalikan uang Anda,
termasuk ongkos kirimnya.</p>
<p>Kemeja dapat ditukar ukuran satu kali selama belum dicuci dan labelnya masih
terpasang. Ongkos kirim penukaran ukuran ditanggung pembeli.</p>
"""

STANDARD_PAGES = [
    ("tentang-kami", "Tentang Kami", "Usaha keluarga penenun songket.", ABOUT),
    (
        "cara-memesan",
        "Cara Memesan",
        "Dari keranjang sampai kain tiba, dengan transfer bank dan kode unik.",
        HOW_TO_ORDER,
    ),
    (
        "pengiriman-dan-pengembalian",
        "Pengiriman dan Pengembalian",
        "Kurir, ongkos kirim, penukaran dan pengembalian.",
        SHIPPING_AND_RETURNS,
    ),
]

SETTINGS = {
    "shop_name": "Songket Palembang",
    "contact_email": "toko@songket.test",
    "address": "Jl. Tenun Emas No. 16, 16 Ilir, Kec. Ilir Timur I,\n"
    "Palembang, Sumatera Selatan 30122",
    "whatsapp_number": "+6281234567890",
    "payment_hours": 24,
}
BANK_ACCOUNTS = [
    ("BCA", "0213 456 789"),
    ("Bank Sumsel Babel", "150 09 12345 6"),
]


def get_default_site():
    """The default Site, made on the demo's host and port."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True, root_page=Page.get_first_root_node())
    site.hostname, site.port, site.site_name = HOSTNAME, PORT, HOME["title"]
    return site


def make_home():
    """A new published home page under the tree's root."""
    hero = get_or_draw(
        "Beranda – songket tabur",
        lambda: draw_scene("songket", (1600, 700), "hero"),
        SCENE_ALT["songket"],
    )
    home = HomePage(slug="beranda", hero_image=hero, show_in_menus=False, **HOME)
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    logger.info("Demo home page %s added", home.pk)
    return home


def remove_welcome_page(page):
    """Delete Wagtail's default welcome page once the home page replaced it."""
    if page.specific_class is Page and page.depth == 2 and page.numchild == 0:
        logger.info("Wagtail's welcome page %s removed", page.pk)
        page.delete()


def load_home():
    """The home page, made the root of the default site."""
    home = HomePage.objects.first() or make_home()
    site = get_default_site()
    old_root = site.root_page if site.pk else None
    site.root_page = home
    site.save()
    if old_root and old_root.pk != home.pk:
        remove_welcome_page(old_root)
    return home


def load_standard_pages(home):
    """About us, how to order, shipping and returns."""
    for slug, title, intro, body in STANDARD_PAGES:
        page = StandardPage(
            slug=slug, title=title, intro=intro, body=body.strip(), show_in_menus=True
        )
        add_child(home, page)


def feature_products(home, products):
    """Put a few products on the home page, the first time only."""
    if home.featured.exists():
        return
    home.featured = [HomeFeaturedProduct(product=products[slug]) for slug in FEATURED]
    home.promotion_link = products[FEATURED[0]]
    home.save_revision().publish()


def load_settings():
    """The shop's contact and bank accounts, filled in when still empty."""
    site = Site.objects.get(is_default_site=True)
    settings = ShopSettings.for_site(site)
    if settings.address:
        return settings
    for field, value in SETTINGS.items():
        setattr(settings, field, value)
    settings.bank_accounts = [
        BankAccount(
            bank=bank, account_number=number, account_holder="CV Songket Palembang"
        )
        for bank, number in BANK_ACCOUNTS
    ]
    settings.save()
    return settings
