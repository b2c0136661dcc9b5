"""A local HTTP file server on 127.0.0.1, with and without Range support, counting the bytes it sends.

    /ranged/{name}   honours `Range: bytes=a-b` (206 + Content-Range; 416 past the end)
    /plain/{name}    ignores Range: always 200 with the whole file, streamed in 64 KiB writes,
                     stopping when the client goes away

`served[name]` counts the bytes written to the socket per file (for "read only the header"
checks); `requests` records (route, name, Range header).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

from tests.standins.loopback import serve_on_loopback

__all__ = ["FileServer", "TinyModel", "write_gguf"]

_RANGE = re.compile(r"bytes=(\d+)-(\d*)")
_CHUNK = 64 << 10


@dataclass
class FileServer:
    files: dict[str, Path]
    served: dict[str, int] = field(default_factory=dict)
    requests: list[tuple[str, str, str | None]] = field(default_factory=list)
    url: str = ""
    _runner: web.AppRunner | None = None

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/ranged/{name}", self._ranged)
        app.router.add_get("/plain/{name}", self._plain)
        self._runner, port = await serve_on_loopback(app)
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _path(self, request: web.Request, route: str) -> Path:
        name = request.match_info["name"]
        self.requests.append((route, name, request.headers.get("Range")))
        path = self.files.get(name)
        if path is None:
            raise web.HTTPNotFound(text=f"no file {name}")
        return path

    async def _ranged(self, request: web.Request) -> web.Response:
        path = self._path(request, "ranged")
        size = path.stat().st_size
        m = _RANGE.match(request.headers.get("Range", ""))
        if m is None:
            data = path.read_bytes()
            self.served[path.name] = self.served.get(path.name, 0) + len(data)
            return web.Response(body=data, headers={"Accept-Ranges": "bytes"})
        start = int(m.group(1))
        if start >= size:
            return web.Response(status=416, headers={"Content-Range": f"bytes */{size}"})
        end = min(int(m.group(2)) if m.group(2) else size - 1, size - 1)
        with path.open("rb") as f:
            f.seek(start)
            data = f.read(end - start + 1)
        self.served[path.name] = self.served.get(path.name, 0) + len(data)
        headers = {"Content-Range": f"bytes {start}-{end}/{size}", "Accept-Ranges": "bytes"}
        return web.Response(status=206, body=data, headers=headers)

    async def _plain(self, request: web.Request) -> web.StreamResponse:
        path = self._path(request, "plain")
        resp = web.StreamResponse(status=200, headers={"Content-Length": str(path.stat().st_size)})
        await resp.prepare(request)
        try:
            with path.open("rb") as f:
                while chunk := f.read(_CHUNK):
                    await resp.write(chunk)
                    self.served[path.name] = self.served.get(path.name, 0) + len(chunk)
        except (ConnectionResetError, ConnectionError):
            return resp  # the client hung up once it had the header
        return resp


# --- GGUF files written with the real `gguf` package --------------------------------------------


@dataclass(frozen=True)
class TinyModel:
    """Shapes of a small llama-architecture GGUF (optionally MoE), and the types its tensors get."""

    name: str = "Tiny Llama Test"
    layers: int = 2
    hidden: int = 256
    ffn: int = 512
    heads: int = 4
    kv_heads: int = 2
    vocab: int = 2000
    context: int = 4096
    experts: int = 0  # > 0: every block's FFN is MoE with this many experts
    expert_ffn: int = 256
    used: int = 2
    file_type: int = 15  # LlamaFileType.MOSTLY_Q4_K_M
    padding_mb: int = 0  # an extra F32 tensor of this many MiB (a big file for range tests)


def write_gguf(path: Path, m: TinyModel = TinyModel()) -> dict[str, int]:
    """Write `m` as a GGUF file; returns {tensor name: bytes} as the file stores them."""
    import numpy as np
    from gguf import GGMLQuantizationType as T
    from gguf import GGUFWriter
    from gguf.quants import quant_shape_to_byte_shape

    rng = np.random.default_rng(7)
    sizes: dict[str, int] = {}
    w = GGUFWriter(str(path), arch="llama")
    w.add_name(m.name)
    w.add_block_count(m.layers)
    w.add_context_length(m.context)
    w.add_embedding_length(m.hidden)
    w.add_feed_forward_length(m.ffn)
    w.add_head_count(m.heads)
    w.add_head_count_kv(m.kv_heads)
    w.add_layer_norm_rms_eps(1e-5)
    w.add_file_type(m.file_type)
    w.add_vocab_size(m.vocab)
    w.add_tokenizer_model("llama")
    w.add_token_list([f"tok{i}" for i in range(m.vocab)])
    if m.experts:
        w.add_expert_count(m.experts)
        w.add_expert_used_count(m.used)
        w.add_expert_feed_forward_length(m.expert_ffn)

    def tensor(name: str, qtype: T, *shape: int) -> None:
        """`shape` in numpy order (outermost first, ne0 last)."""
        if qtype in (T.F32, T.F16):
            dtype = np.float32 if qtype == T.F32 else np.float16
            data = rng.standard_normal(shape).astype(dtype)
        else:
            byte_shape = quant_shape_to_byte_shape(shape, qtype)
            data = rng.integers(0, 255, size=byte_shape, dtype=np.uint8)
        w.add_tensor(name, data, raw_dtype=qtype)
        sizes[name] = int(data.nbytes)

    h, kv_dim = m.hidden, m.kv_heads * (m.hidden // m.heads)
    tensor("token_embd.weight", T.Q4_K, m.vocab, h)
    tensor("output.weight", T.Q6_K, m.vocab, h)
    tensor("output_norm.weight", T.F32, h)
    for i in range(m.layers):
        b = f"blk.{i}."
        tensor(b + "attn_norm.weight", T.F32, h)
        tensor(b + "attn_q.weight", T.Q4_K, h, h)
        tensor(b + "attn_k.weight", T.Q4_K, kv_dim, h)
        tensor(b + "attn_v.weight", T.Q6_K, kv_dim, h)
        tensor(b + "attn_output.weight", T.Q4_K, h, h)
        tensor(b + "ffn_norm.weight", T.F32, h)
        if m.experts:
            tensor(b + "ffn_gate_inp.weight", T.F32, m.experts, h)
            tensor(b + "ffn_gate_exps.weight", T.Q4_K, m.experts, m.expert_ffn, h)
            tensor(b + "ffn_up_exps.weight", T.Q4_K, m.experts, m.expert_ffn, h)
            tensor(b + "ffn_down_exps.weight", T.Q8_0, m.experts, h, m.expert_ffn)
        else:
            tensor(b + "ffn_gate.weight", T.Q4_K, m.ffn, h)
            tensor(b + "ffn_up.weight", T.Q4_K, m.ffn, h)
            tensor(b + "ffn_down.weight", T.Q5_K if i % 2 else T.Q6_K, h, m.ffn)
    if m.padding_mb:
        tensor("rope_freqs.weight", T.F32, m.padding_mb * (1 << 18))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return sizes
